package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command socket's frames and requests, over a real Unix-domain socket pair. */
class CommandFramesTest {

    @TempDir
    Path tmp;

    @Test
    void aRequestKeepsEveryStringWhateverItHolds() throws Exception {
        String[] line = { "compress", "-", "fïlé with spaces", "", "--", "\u0000\n" };
        CommandFrames.Request r = new CommandFrames.Request("2", "/home/ü", true, false, line);
        CommandFrames.Request back = CommandFrames.Request.decode(r.encode());
        assertEquals("2", back.emulate());
        assertEquals("/home/ü", back.directory());
        assertTrue(back.stdoutTerminal());
        assertEquals(false, back.console());
        assertArrayEquals(line, back.commandLine());
    }

    @Test
    void aMalformedOrForeignRequestIsRefused() {
        byte[] good = new CommandFrames.Request("", "/", false, false, new String[] { "drivers" }).encode();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(IOException.class, () -> CommandFrames.Request.decode(truncated));
        byte[] huge = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(1).array();
        assertThrows(IOException.class, () -> CommandFrames.Request.decode(huge));
        byte[] otherVersion = good.clone();
        otherVersion[8] = '9'; // the first string, "1"
        IOException e = assertThrows(IOException.class, () -> CommandFrames.Request.decode(otherVersion));
        assertTrue(e.getMessage().contains("protocol version 9"), e.getMessage());
    }

    @Test
    void framesCarryBinaryDataInOrderAndLargeDataIsCut() throws Exception {
        Path socket = tmp.resolve("t.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    SocketChannel served = server.accept()) {
                byte[] big = new byte[CommandFrames.MAX_DATA * 2 + 5];
                new Random(7).nextBytes(big);
                CommandFrames out = new CommandFrames(served);
                CommandFrames in = new CommandFrames(client);
                Thread writer = new Thread(() -> {
                    try {
                        out.sendData(CommandFrames.STDOUT, big, 0, big.length);
                        out.sendInt(CommandFrames.EXIT, 42);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                ByteBuffer received = ByteBuffer.allocate(big.length);
                ByteBuffer data = null;
                List<Integer> sizes = new java.util.ArrayList<>();
                while (true) {
                    data = in.receiveInto(data);
                    if (in.lastType() == CommandFrames.EXIT) {
                        assertEquals(42, data.getInt());
                        break;
                    }
                    assertEquals(CommandFrames.STDOUT, in.lastType());
                    sizes.add(data.remaining());
                    received.put(data);
                }
                writer.join();
                assertArrayEquals(big, received.array());
                assertEquals(List.of(CommandFrames.MAX_DATA, CommandFrames.MAX_DATA, 5), sizes);
                served.close();
                assertThrows(EOFException.class, in::receive, "a closed peer ends the frames");
            }
        }
    }

    @Test
    void whatARunningPlatformRefuses() {
        assertNull(CommandSocket.refusal(List.of("drivers")));
        assertNull(CommandSocket.refusal(List.of("compress", "-p", "2", "-")));
        assertNull(CommandSocket.refusal(List.of("queues", "soft", "4")));
        assertNull(CommandSocket.refusal(List.of("sched")));
        assertNull(CommandSocket.refusal(List.of("stats")));
        for (List<String> line : List.of(List.of("bundles"), List.of("bench"), List.of("stats", "--reset"),
                List.of("devices", "--reset", "hisi_zip-0"), List.of("sched", "use", "rr"))) {
            String why = CommandSocket.refusal(line);
            assertTrue(why != null && why.contains("would change or measure the running platform"), line + ": " + why);
        }
    }
}
