package io.geocluster.host.cli;

/** Entry point of the {@code geocluster} command line. */
public final class Main {
    private Main() {
    }

    /** Runs a command. */
    public static void main(String[] args) {
        System.exit(0);
    }
}
