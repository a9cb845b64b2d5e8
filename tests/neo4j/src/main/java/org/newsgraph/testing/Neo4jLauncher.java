package org.newsgraph.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.kernel.internal.Version;

/**
 * Starts a real Neo4j Community server in this JVM (through neo4j-harness) for the Python
 * test-suite: Bolt only, on 127.0.0.1, auth disabled, no HTTP/HTTPS.
 *
 * <p>Protocol with the parent process (tests/neo4j_server.py):
 *
 * <ul>
 *   <li>stdout carries exactly one line, {@code NEO4J_BOLT_URI=bolt://127.0.0.1:PORT}, once the
 *       server accepts Bolt connections. Everything else (including anything a library prints to
 *       System.out) goes to stderr.
 *   <li>The server stops cleanly when stdin reaches end-of-file (the parent closed it or died) or
 *       on SIGTERM/SIGINT (JVM shutdown hook). Exit status 0 after a clean stop, 1 if start-up
 *       failed.
 * </ul>
 *
 * <p>Options: {@code --port N} (default 0: the OS picks a free port), {@code --work-dir DIR}
 * (default target/neo4j-work; the harness makes a randomly named server folder in it, with
 * neo4j.log and debug.log, and deletes it on a clean stop), {@code --page-cache-mb N} (default
 * 64), {@code --ignore-stdin} (wait for a signal only, for running it by hand with no stdin).
 */
public final class Neo4jLauncher {
    private static final String URI_PREFIX = "NEO4J_BOLT_URI=";

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        // Keep the real stdout for the one protocol line; send all other output to stderr.
        PrintStream protocolOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        int port = 0;
        Path workDir = Path.of("target", "neo4j-work");
        long pageCacheMb = 64;
        boolean ignoreStdin = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(args[++i]);
                case "--ignore-stdin" -> ignoreStdin = true;
                default -> {
                    System.err.println("neo4j-launcher: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }

        AtomicReference<Neo4j> server = new AtomicReference<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(server), "neo4j-launcher-shutdown"));

        long started = System.nanoTime();
        System.err.printf(
                "neo4j-launcher: starting Neo4j (work dir %s, Bolt port %s, page cache %d MiB, "
                        + "max heap %d MiB)%n",
                workDir.toAbsolutePath(),
                port == 0 ? "any free" : Integer.toString(port),
                pageCacheMb,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Neo4j neo4j;
        try {
            Files.createDirectories(workDir);
            neo4j = Neo4jBuilders.newInProcessBuilder(workDir.toAbsolutePath())
                    // No HTTP/HTTPS web server: no Jetty, no self-signed certificates.
                    .withDisabledServer()
                    .withConfig(HttpConnector.enabled, false)
                    .withConfig(HttpsConnector.enabled, false)
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(
                            BoltConnector.encryption_level,
                            BoltConnector.EncryptionLevel.DISABLED)
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .withConfig(
                            GraphDatabaseSettings.default_listen_address,
                            new SocketAddress("127.0.0.1"))
                    .withConfig(GraphDatabaseSettings.auth_enabled, false)
                    .withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
                    // No 250 MB pre-allocated transaction-log files for a throw-away test store.
                    .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // No "Anonymous Usage Data" calls home from test runs (there is no internet).
                    .withConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Netty's default 5 s quiet period per Bolt event-loop group made every
                    // stop take ~10 s; a test server has nothing to drain.
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    // db.transaction.timeout is left at its default, 0s (no timeout).
                    .build();
            server.set(neo4j);
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: Neo4j failed to start: " + e);
            e.printStackTrace(System.err);
            dumpLogTails(workDir);
            System.err.flush();
            Runtime.getRuntime().halt(1);
            return;
        }

        int boltPort = neo4j.boltURI().getPort();
        System.err.printf(
                "neo4j-launcher: Neo4j %s started in %d ms, Bolt on 127.0.0.1:%d, home %s, "
                        + "db.transaction.timeout=%s%n",
                Version.getNeo4jVersion(),
                (System.nanoTime() - started) / 1_000_000,
                boltPort,
                neo4j.config().get(GraphDatabaseSettings.neo4j_home),
                neo4j.config().get(GraphDatabaseSettings.transaction_timeout));
        System.err.flush();
        protocolOut.println(URI_PREFIX + "bolt://127.0.0.1:" + boltPort);
        protocolOut.flush();

        if (ignoreStdin) {
            waitForever();
        } else {
            drain(System.in);
            System.err.println("neo4j-launcher: stdin closed, stopping");
        }
        System.exit(0); // runs the shutdown hook, which stops Neo4j
    }

    private static void stop(AtomicReference<Neo4j> server) {
        Neo4j neo4j = server.getAndSet(null);
        if (neo4j == null) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            neo4j.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.err.printf("neo4j-launcher: Neo4j stopped in %d ms%n", ms);
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: error while stopping Neo4j: " + e);
            e.printStackTrace(System.err);
        }
        System.err.flush();
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // Input is ignored; only end-of-file matters.
            }
        } catch (IOException e) {
            System.err.println("neo4j-launcher: stdin error (" + e + "), stopping");
        }
    }

    private static void waitForever() {
        Object lock = new Object();
        synchronized (lock) {
            while (true) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Prints the last lines of every neo4j.log / debug.log under the work dir to stderr. */
    private static void dumpLogTails(Path workDir) {
        try (Stream<Path> files = Files.walk(workDir, 3)) {
            for (Path log : files.filter(Neo4jLauncher::isNeo4jLog).toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.err.println("---------- last lines of " + log + " ----------");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(System.err::println);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("neo4j-launcher: could not read Neo4j logs: " + e);
        }
    }

    private static boolean isNeo4jLog(Path p) {
        String name = p.getFileName().toString();
        return name.equals("neo4j.log") || name.equals("debug.log");
    }
}
