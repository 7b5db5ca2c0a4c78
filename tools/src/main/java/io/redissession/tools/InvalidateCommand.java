package io.redissession.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code redis-session invalidate}: ends one session; a running node delivers its destroy event. */
@Command(name = "invalidate", mixinStandardHelpOptions = true,
        description = "End one session at once; the next expiry sweep of a running node fires its sessionDestroyed,"
                + " exactly once.")
final class InvalidateCommand extends NamespaceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The session id (the value of the session cookie).")
    String id;

    @Override
    public Integer call() {
        if (!Catalogs.ending(cli, terminator -> terminator.end(namespace, id))) {
            err().println("redis-session: no live session [" + id + "] in namespace "
                    + namespace);
            return RedisSessionCli.NOT_FOUND;
        }
        out().println("ended " + id);
        return 0;
    }
}
