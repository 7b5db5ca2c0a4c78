package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import io.redissession.redis.SessionTerminator;
import io.redissession.tools.console.ConsoleOptions;
import io.redissession.tools.console.ConsoleServer;
import io.redissession.tools.console.ValueDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code redis-session console}: the web console. Safe by default: bound to loopback, read-only, values hidden;
 * binding elsewhere needs a password.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "A web console: namespaces, charts, search by user or id, a session's detail and, with"
                + " --allow-writes, buttons to end sessions. Runs until Ctrl-C.")
final class ConsoleCommand implements Callable<Integer> {

    /** The environment variable that may hold the console's password. */
    static final String PASSWORD_VARIABLE = "REDIS_SESSION_CONSOLE_PASSWORD";

    @ParentCommand
    RedisSessionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8090", description = "Default: ${DEFAULT-VALUE}; 0 for any free port.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "The address to listen on. Anything but"
            + " loopback needs a password. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--password", description = "The password every request must give (HTTP Basic, any user name)."
            + " Default: $" + PASSWORD_VARIABLE + ".")
    String password;

    @Option(names = "--allow-writes", description = "Show the buttons that end sessions and log users out.")
    boolean allowWrites;

    @Option(names = "--show-values", description = "Show attribute values (they may hold personal data).")
    boolean showValues;

    @Mixin
    ValueOptions decoding;

    @Override
    public Integer call() throws InterruptedException {
        String secret = password != null ? password : System.getenv(PASSWORD_VARIABLE);
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("the console password is empty");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: unknown address " + bind);
        }
        if (!address.isLoopbackAddress() && secret == null) {
            throw new IllegalArgumentException("--bind " + bind + " is reachable from other machines: give a"
                    + " --password (or $" + PASSWORD_VARIABLE + "), and put TLS in front of the console");
        }
        StoredValues reader = decoding.reader(showValues);
        ValueDisplay display = stored -> {
            StoredValues.Value value = reader.read(stored);
            return new ValueDisplay.Shown(value.type(), !showValues ? null : value.problem() == null ? value.value()
                    : (value.value() != null ? value.value() + " " : "") + "(not decoded: " + value.problem() + ")");
        };
        ConsoleOptions options = new ConsoleOptions(allowWrites, showValues, secret);
        return Catalogs.connected(cli, (connector, timeout) -> {
            try (ConsoleServer console = new ConsoleServer(new InetSocketAddress(address, port),
                    new SessionCatalog(connector, cli.keyPrefix, timeout),
                    new SessionTerminator(connector, cli.keyPrefix, timeout), display, options)) {
                spec.commandLine().getOut().println("console on http://" + (address.getHostAddress().contains(":")
                        ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + console.port()
                        + "/ (Ctrl-C to stop)");
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        });
    }
}
