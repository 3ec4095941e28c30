package io.integrityagent.it.apps;

/**
 * An application that does nothing but name the Java version it runs on: all else a run of it shows is what the
 * agent prints at start-up.
 */
public final class StartsAndExits {

    private StartsAndExits() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version().feature());
    }
}
