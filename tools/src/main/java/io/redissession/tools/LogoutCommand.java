package io.redissession.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code redis-session logout}: ends every session of a user; running nodes deliver their destroy events. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "End every session of a user at once; running nodes fire each one's sessionDestroyed, exactly"
                + " once.")
final class LogoutCommand extends NamespaceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "USER", description = "The user name.")
    String user;

    @Option(names = "--json", description = "Print JSON: {\"user\": ..., \"ended\": n}.")
    boolean json;

    @Override
    public Integer call() {
        int ended = Catalogs.ending(cli, terminator -> terminator.endUser(namespace, user));
        if (json) {
            Output.json(out(), java.util.Map.of("user", user, "ended", ended));
        } else {
            out().println("ended " + ended + " session" + (ended == 1 ? "" : "s") + " of "
                    + user);
        }
        return ended == 0 ? RedisSessionCli.NOT_FOUND : 0;
    }
}
