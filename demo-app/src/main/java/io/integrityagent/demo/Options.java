package io.integrityagent.demo;

/** The command line, parsed. */
record Options(String url, String user, String password, String metricsUrl, int keepRunningSeconds,
               boolean signUps) {

    static final String DEFAULT_URL = "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1";
    static final String DEFAULT_METRICS_URL = "http://127.0.0.1:9464/metrics";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java [-javaagent:integrity-agent.jar=...] -jar demo-app.jar [options]",
            "",
            "Runs into every kind of integrity-constraint violation, so that the agent can explain them.",
            "",
            "Options:",
            "  --url JDBC_URL     database to use (default " + DEFAULT_URL + ")",
            "  --user NAME        database user (default sa for H2, otherwise none)",
            "  --password SECRET  database password (default none)",
            "  --metrics URL      the agent's Prometheus endpoint (default " + DEFAULT_METRICS_URL + ")",
            "  --keep-running SECONDS",
            "                     repeat the scenarios once a second for this long, so that a Prometheus",
            "                     scraping the agent sees violations keep coming (default 0: run them once)",
            "  --sign-ups         then sign up each e-mail address read from standard input (one a line, until",
            "                     it ends) twice, as a double-clicked sign-up form would: the second is refused",
            "                     by UQ_USERS_EMAIL; try it with the agent's live page (ui=true) open",
            "  --help             show this text");

    /** Thrown for a command line that cannot be understood. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Returns null when --help was asked for. */
    static Options parse(String[] args) throws UsageException {
        String url = DEFAULT_URL;
        String user = null;
        String password = "";
        String metricsUrl = DEFAULT_METRICS_URL;
        int keepRunningSeconds = 0;
        boolean signUps = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help" -> {
                    return null;
                }
                case "--url" -> url = valueAfter(args, i++);
                case "--user" -> user = valueAfter(args, i++);
                case "--password" -> password = valueAfter(args, i++);
                case "--metrics" -> metricsUrl = valueAfter(args, i++);
                case "--keep-running" -> keepRunningSeconds = seconds(valueAfter(args, i++));
                case "--sign-ups" -> signUps = true;
                default -> throw new UsageException("unknown option: " + args[i]);
            }
        }
        if (user == null) {
            user = url.startsWith("jdbc:h2:") ? "sa" : "";
        }
        return new Options(url, user, password, metricsUrl, keepRunningSeconds, signUps);
    }

    private static int seconds(String value) throws UsageException {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--keep-running needs a whole number of seconds, not " + value);
    }

    private static String valueAfter(String[] args, int optionIndex) throws UsageException {
        if (optionIndex + 1 >= args.length) {
            throw new UsageException(args[optionIndex] + " needs a value");
        }
        return args[optionIndex + 1];
    }
}
