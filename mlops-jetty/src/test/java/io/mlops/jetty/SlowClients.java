package io.mlops.jetty;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow-body probe: connections that send a request header and then one body byte every two
 * seconds, as an attacker holding threads would. Bounded in count and in rounds; it stops by itself
 * and on {@link #close()}. Loopback only.
 */
public final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private Thread dripper;
    private volatile boolean stopped;

    private SlowClients() {}

    /**
     * Opens the connections and starts dripping.
     *
     * @param port the loopback port
     * @param count how many connections (at most 500)
     * @param header the request line and headers, ending in an empty line, declaring a body of 100 bytes
     * @param rounds how many bytes each connection sends at most, one every two seconds
     * @return the running probe
     * @throws IOException when a connection cannot be opened
     */
    public static SlowClients open(int port, int count, String header, int rounds) throws IOException {
        if (count > 500 || rounds > 100) {
            throw new IllegalArgumentException("the probe is bounded: at most 500 connections and 100 rounds");
        }
        SlowClients probe = new SlowClients();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(header.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write('[');
            socket.getOutputStream().flush();
            probe.sockets.add(socket);
        }
        probe.dripper = new Thread(() -> probe.drip(rounds), "slow-clients");
        probe.dripper.setDaemon(true);
        probe.dripper.start();
        return probe;
    }

    private void drip(int rounds) {
        for (int round = 0; round < rounds && !stopped; round++) {
            try {
                Thread.sleep(2_000); // the probe's pace, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    // The server closed it: that connection is done.
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        dripper.interrupt();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
