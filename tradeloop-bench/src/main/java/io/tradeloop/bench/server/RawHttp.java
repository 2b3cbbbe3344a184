package io.tradeloop.bench.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A minimal HTTP/1.1 keep-alive client for load generation: requests are encoded once, each connection is
 * a blocking socket, responses are read by Content-Length or chunked encoding. It costs a fraction of the
 * JDK client per request, so on a small machine the load generator takes less of the CPU the server needs.
 */
final class RawHttp implements Closeable {
    private final String host;
    private final int port;
    private final ArrayBlockingQueue<Conn> idle;

    RawHttp(URI base, int maxConnections) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.idle = new ArrayBlockingQueue<>(maxConnections);
    }

    /** A request encoded once: method, path, headers and body. */
    static byte[] request(String method, String path, String host, String auth, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + auth + "\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends one request on an idle (or new) connection and reads the whole response; returns the status, −1 on I/O failure. */
    int exchange(byte[] request) {
        Conn c = idle.poll();
        try {
            if (c == null) c = new Conn(host, port);
            int status = c.exchange(request);
            if (!idle.offer(c)) c.close();
            return status;
        } catch (IOException e) {
            if (c != null) c.close();
            return -1;
        }
    }

    @Override
    public void close() {
        Conn c;
        while ((c = idle.poll()) != null) c.close();
    }

    private static final class Conn {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (status == null || status.length() < 12) throw new IOException("no status line");
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).trim());
                else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            return code;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            int ch;
            while ((ch = in.read()) != -1) {
                if (ch == '\n') break;
                if (ch != '\r') b.write(ch);
            }
            return ch == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken benchmark connection: nothing to recover
            }
        }
    }
}
