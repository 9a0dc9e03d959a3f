package dev.qaimport.examples;

/** The {@code qa-import} command-line program. */
public final class Main {
    private Main() {
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        System.err.println("qa-import: not yet implemented");
        System.exit(1);
    }
}
