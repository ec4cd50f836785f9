package io.geocluster.host.testdata;

import java.io.IOException;

/**
 * The shared shell of the generators' {@code main} methods: runs one, prints a failure the way
 * the command line does, and exits 0 on success, 1 on I/O failure, 2 on bad input.
 */
final class GeneratorMain {
    /** A generator run over command-line arguments, returning its exit status. */
    @FunctionalInterface
    interface Run {
        int run(String[] args) throws IOException;
    }

    private GeneratorMain() {
    }

    static void main(String[] args, Run run, String usage) {
        int status;
        try {
            status = run.run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage);
            status = 2;
        } catch (IOException e) {
            System.err.println("failed: " + e.getMessage());
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
    }
}
