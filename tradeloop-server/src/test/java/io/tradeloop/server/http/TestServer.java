package io.tradeloop.server.http;

import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.store.DatabaseConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A server on a free loopback port with an in-memory database and a generated funding file, plus an HTTP client. */
public final class TestServer implements AutoCloseable {
    public final Server server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final Path dir;

    public TestServer(Map<String, String> env) throws IOException {
        this(env, null);
    }

    /** @param fundingFile the replay to load, or null for a generated 400-tick market */
    public TestServer(Map<String, String> env, Path fundingFile) throws IOException {
        dir = Files.createTempDirectory("tradeloop-test");
        Path csv = fundingFile != null ? fundingFile : TestMarkets.writeCsv(dir.resolve("funding.csv"), 17, 400);
        var cfg = ServerConfig.defaults(dir, 0).withDatabase(DatabaseConfig.h2Memory("api" + UUID.randomUUID().toString().replace("-", "")))
                .withFundingFile(csv);
        server = Server.start(cfg, env);
    }

    private TestServer(Server server) {
        this.server = server;
        this.dir = null;
    }

    /** A client for a server started elsewhere (closing it stops that server). */
    public static TestServer wrap(Server server) {
        return new TestServer(server);
    }

    public TestServer() throws IOException {
        this(Map.of());
    }

    public URI uri(String path) {
        return URI.create(server.url()).resolve(path);
    }

    public HttpResponse<String> send(String method, String path, String key, String body) {
        return send(method, path, key, body, "application/json");
    }

    public HttpResponse<String> send(String method, String path, String key, String body, String contentType) {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (key != null) b.header("Authorization", "Bearer " + key);
        if (contentType != null && body != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null);
    }

    public HttpResponse<String> post(String path, String key, String body) {
        return send("POST", path, key, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
