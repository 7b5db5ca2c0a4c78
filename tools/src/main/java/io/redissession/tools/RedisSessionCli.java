package io.redissession.tools;

import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.InvalidSettingException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code redis-session}: the operator tool. Exit codes a script can rely on: 0 done, 1 not found, 2 usage, 3 Redis
 * unreachable, 4 any other failure. Errors go to standard error on one line; {@code --debug} adds the stack trace.
 */
@Command(name = "redis-session", mixinStandardHelpOptions = true, versionProvider = RedisSessionCli.Version.class,
        description = "See and find the HTTP sessions redis-session keeps in Redis.",
        subcommands = {NamespacesCommand.class, StatsCommand.class, ListCommand.class, ShowCommand.class,
            InvalidateCommand.class, LogoutCommand.class, WatchCommand.class, ConsoleCommand.class, SpliceCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class})
public final class RedisSessionCli {

    /** Exit code: the session or namespace asked for does not exist. */
    public static final int NOT_FOUND = 1;
    /** Exit code: the command line is wrong. */
    public static final int USAGE = 2;
    /** Exit code: Redis could not be reached in time. */
    public static final int UNREACHABLE = 3;
    /** Exit code: any other failure. */
    public static final int FAILED = 4;

    @Option(names = "--redis-uri", description = "Redis, as the filter's redisUri (standalone, Sentinel, Cluster,"
            + " TLS, ACL user). Default: $REDIS_SESSION_REDIS_URI, else redis://127.0.0.1:6379.")
    String redisUri;

    @Option(names = "--key-prefix", defaultValue = "redis-session", description = "The filter's keyPrefix."
            + " Default: ${DEFAULT-VALUE}.")
    String keyPrefix;

    @Option(names = "--debug", description = "Print the stack trace of a failure.")
    boolean debug;

    private RedisSessionCli() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        RedisSessionCli cli = new RedisSessionCli();
        // the library logs connection trouble for servers' logs; here the one-line error says it
        Logger.getLogger("").setLevel(java.util.Arrays.asList(args).contains("--debug") ? Level.INFO : Level.OFF);
        CommandLine line = new CommandLine(cli);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            int code = failure instanceof SessionStoreUnavailableException ? UNREACHABLE
                    : failure instanceof InvalidSettingException || failure instanceof IllegalArgumentException
                    ? USAGE : FAILED;
            err.println("redis-session: " + (code == UNREACHABLE ? "cannot reach Redis at " + cli.redisUri() + ": "
                    : "") + oneLine(failure));
            if (cli.debug) {
                failure.printStackTrace(err);
            }
            return code;
        });
        return line.execute(args);
    }

    /** @return the Redis URI from the option, else the environment, else the local default */
    String redisUri() {
        if (redisUri != null) {
            return redisUri;
        }
        String fromEnvironment = System.getenv("REDIS_SESSION_REDIS_URI");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "redis://127.0.0.1:6379";
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version of the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RedisSessionCli.class.getPackage().getImplementationVersion();
            return new String[] {"redis-session " + (version != null ? version : "(development build)")};
        }
    }
}
