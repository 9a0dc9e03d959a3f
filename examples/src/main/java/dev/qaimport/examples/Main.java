package dev.qaimport.examples;

import dev.qaimport.ImportException;
import dev.qaimport.examples.cli.Env;
import dev.qaimport.examples.cli.ImportCommand;
import dev.qaimport.examples.cli.JobCommands;
import dev.qaimport.examples.cli.ReembedCommand;
import dev.qaimport.examples.cli.ResumeCommand;
import dev.qaimport.examples.cli.RetryCommand;
import dev.qaimport.examples.cli.SearchCommand;
import dev.qaimport.examples.cli.SubmitCommand;
import dev.qaimport.examples.cli.WorkerCommand;
import dev.qaimport.examples.cli.Printable;
import dev.qaimport.examples.cli.UsageException;
import dev.qaimport.model.ErrorCodes;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qa-import} command-line program: imports files into a database, embeds them,
 * reports, searches, manages jobs, and moves the pairs to another embedding model. Errors end in
 * one clear line on standard error and an exit status (0 done, 1 failed, 2 usage or input error),
 * never a stack trace unless {@code QA_IMPORT_DEBUG=1}.
 */
@Command(name = "qa-import", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Imports question/answer pairs from CSV, TSV, JSON and JSON Lines files into a database and embeds them.",
        subcommands = {ImportCommand.class, SubmitCommand.class, ResumeCommand.class, WorkerCommand.class, JobCommands.Status.class,
            JobCommands.Jobs.class, JobCommands.Cancel.class, RetryCommand.class, SearchCommand.class, ReembedCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    /** Job-level codes that mean the input, not the program, is at fault. */
    private static final Set<String> INPUT_ERRORS = Set.of(ErrorCodes.PAYLOAD, ErrorCodes.UNSUPPORTED_FORMAT, ErrorCodes.LIMIT_EXCEEDED,
            ErrorCodes.MISSING_COLUMNS, ErrorCodes.MALFORMED_FILE, ErrorCodes.ENCODING, ErrorCodes.NOT_FOUND);

    private Main() {
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        configureLogging(System.getenv());
        System.exit(run(Env.system(), args));
    }

    /** Runs the program in-process and returns its exit status. */
    public static int run(Env env, String... args) {
        CommandLine cli = new CommandLine(Main.class, new Factory(env));
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            // One line, so that scripts and people see the problem and where help is in the same place.
            env.err().println("qa-import: " + oneLine(e.getMessage()) + " (see " + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean debug = "1".equals(env.get("QA_IMPORT_DEBUG"));
            if (debug) {
                e.printStackTrace(env.err());
            }
            if (e instanceof UsageException) {
                env.err().println("qa-import: " + Printable.line(e.getMessage()));
                return 2;
            }
            if (e instanceof ImportException) {
                ImportException ie = (ImportException) e;
                env.err().println("qa-import: " + oneLine(ie.getMessage()));
                return INPUT_ERRORS.contains(ie.code()) ? 2 : 1;
            }
            env.err().println("qa-import: unexpected error: " + oneLine(String.valueOf(e)) + (debug ? "" : " (set QA_IMPORT_DEBUG=1 for details)"));
            return 1;
        });
        if (args.length == 0) {
            cli.usage(env.err());
            return 2;
        }
        return cli.execute(args);
    }

    /** A message as one printable line: its line breaks become spaces, other control characters escapes. */
    private static String oneLine(String s) {
        return s == null ? "" : Printable.line(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /** Quiet libraries on the terminal: warnings only, unless {@code QA_IMPORT_LOG} says otherwise. */
    static void configureLogging(java.util.Map<String, String> env) {
        String level = env.getOrDefault("QA_IMPORT_LOG", "warn");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        // DJL probes for CUDA on start-up and warns when there is none; that is expected for the in-process model.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
    }

    /** Creates commands with the program's environment. */
    private static final class Factory implements CommandLine.IFactory {
        private final Env env;

        Factory(Env env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getConstructor(Env.class).newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"qa-import " + (v != null ? v : "0.1.0-SNAPSHOT")};
        }
    }
}
