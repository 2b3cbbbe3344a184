package io.tradeloop.server;

import java.nio.file.Path;

/**
 * A server in its own process for the restart test: {@code <data dir> <funding csv>}. Prints
 * {@code PORT <n>} and, on the first start, {@code KEY <api key>}; runs until killed (SIGTERM closes it
 * cleanly, SIGKILL does not).
 */
public final class ServerProcessMain {
    private ServerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        var server = Server.start(ServerConfig.defaults(dir, 0).withFundingFile(Path.of(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        if (server.agents().list(1).isEmpty() && args.length > 2 && args[2].equals("--create-user")) {
            System.out.println("KEY " + server.createUser("restart").apiKey());
        }
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
