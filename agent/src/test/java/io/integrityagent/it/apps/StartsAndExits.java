package io.integrityagent.it.apps;

/** An application that does nothing: all a run of it shows is what the agent prints at start-up. */
public final class StartsAndExits {

    private StartsAndExits() {
    }

    public static void main(String[] args) {
    }
}
