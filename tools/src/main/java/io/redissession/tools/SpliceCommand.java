package io.redissession.tools;

import io.redissession.config.RedisEndpoint;
import io.redissession.config.SettingSource;
import io.redissession.config.SettingsParser;
import io.redissession.tools.splice.FilterJar;
import io.redissession.tools.splice.ServletFlavour;
import io.redissession.tools.splice.WarSplicer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code redis-session splice}: a copy of a WAR with the session filter added, without rebuilding it. */
@Command(name = "splice", mixinStandardHelpOptions = true,
        description = {"Write a copy of a WAR whose sessions live in Redis: the drop-in jar of its Servlet API"
                + " (javax or jakarta) in WEB-INF/lib, and the session filter declared and mapped first in"
                + " WEB-INF/web.xml (created if absent; the rest of the file kept as it was). The input WAR is"
                + " never changed."})
final class SpliceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WAR", description = "The WAR to read.")
    Path war;

    @Option(names = "--redis-uri", required = true, description = "The filter's redisUri (standalone, Sentinel,"
            + " Cluster, TLS, ACL user).")
    String redisUri;

    @Option(names = {"-n", "--namespace"}, required = true, description = "The filter's sessionNamespace: web apps"
            + " that name the same one share their sessions.")
    String namespace;

    @Option(names = {"-o", "--output"}, description = "Where to write the spliced WAR. Default: <WAR name>-redis"
            + "-session.war beside the input.")
    Path output;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Another init parameter of the filter, as"
            + " docs/configuration.md lists them (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--flavour", paramLabel = "javax|jakarta", description = "The Servlet API of the application."
            + " Default: found from its classes, else from the version its web.xml states.")
    String flavour;

    @Option(names = "--filter-jar", paramLabel = "JAR", description = "The -all jar to add instead of the one"
            + " bundled with this tool.")
    Path filterJar;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        checkSettings();
        Path target = output != null ? output : defaultOutput(war);
        WarSplicer.Request request = new WarSplicer.Request(war, target, redisUri, namespace, params,
                flavour(), force);
        WarSplicer.Result result = WarSplicer.splice(request,
                wanted -> filterJar != null ? FilterJar.file(filterJar) : FilterJar.bundled(wanted));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + target);
        out.println("  servlet API:  " + result.flavour().name().toLowerCase(Locale.ROOT) + " ("
                + result.flavourReason() + ")");
        out.println("  added:        " + result.jarEntry());
        out.println("  web.xml:      " + (result.descriptorCreated() ? "created (Servlet " : "edited (Servlet ")
                + result.descriptorVersion() + "), filter " + result.filterName() + " first, namespace "
                + namespace + ", Redis " + RedisEndpoint.mask(redisUri));
        result.notes().forEach(note -> out.println("  note:         " + note));
        return 0;
    }

    /** Refuses, before anything is written, what the filter would refuse when the WAR is deployed. */
    private void checkSettings() {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("redisUri", redisUri);
        all.put("sessionNamespace", namespace);
        for (String name : params.keySet()) {
            if (!SettingsParser.names().contains(name)) {
                String retired = SettingsParser.retiredBecause(name);
                throw new IllegalArgumentException("--param " + name + ": " + (retired != null ? retired
                        : "no such setting; docs/configuration.md lists them"));
            }
        }
        SettingsParser.parse(List.of(SettingSource.of("splice option", all::get)));
    }

    private ServletFlavour flavour() {
        if (flavour == null) {
            return null;
        }
        return switch (flavour.toLowerCase(Locale.ROOT)) {
            case "javax" -> ServletFlavour.JAVAX;
            case "jakarta" -> ServletFlavour.JAKARTA;
            default -> throw new IllegalArgumentException("--flavour must be javax or jakarta, not " + flavour);
        };
    }

    private static Path defaultOutput(Path war) {
        String name = war.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".war") ? name.substring(0, name.length() - 4) : name;
        return war.resolveSibling(base + "-redis-session.war");
    }
}
