package io.integrityagent.bench.run;

import io.integrityagent.bench.BenchDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest application: open an H2 database, create a table, run one prepared insert, say so on stdout.
 * {@link StartupTimer} times JVM launch to that line, under each configuration; then the program reports its
 * peak resident memory so far (VmHWM), what the JVM, the application and any agent made resident to get there.
 */
public final class FirstQuery {

    static final String DONE = "FIRST QUERY DONE";
    static final String PEAK_RSS = "PEAK RSS KIB ";

    private static final Pattern VM_HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");

    private FirstQuery() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchDatabase database = BenchDatabase.open("first")) {
            database.execute(BenchDatabase.ITEM_TABLE);
            try (PreparedStatement insert = database.connection().prepareStatement(BenchDatabase.INSERT_ITEM)) {
                insert.setLong(1, 1);
                insert.setString(2, "first");
                insert.setInt(3, 1);
                insert.executeUpdate();
            }
            System.out.println(DONE);
            System.out.flush();
        }
        System.out.println(PEAK_RSS + peakResidentKib());
    }

    /** The peak resident set size of this process, from Linux's /proc; -1 where there is none. */
    private static long peakResidentKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        Matcher peak = VM_HWM.matcher(Files.readString(status));
        return peak.find() ? Long.parseLong(peak.group(1)) : -1;
    }
}
