package io.warpdrive.launcher;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framed protocol of the command socket, between a one-shot command ({@link ServiceClient})
 * and the running WarpDrive that answers it ({@link CommandSocket}). A frame is a type byte, a
 * big-endian int length and that many bytes, so any data passes (binary-safe).
 *
 * <pre>
 * client  -&gt; service  REQUEST  the strings of {@link Request}
 * service -&gt; client   ACCEPTED (empty) or REFUSED (a reason, UTF-8; the client runs the command itself)
 * service -&gt; client   STDOUT / STDERR data, READ (int: at most that many bytes of stdin wanted)
 * client  -&gt; service  STDIN data in answer to READ; empty at the end of stdin
 * service -&gt; client   EXIT (int: the command's exit code), last
 * </pre>
 *
 * Standard input is sent only when the command reads it, so a command that does not leaves the
 * client's stdin untouched (as a local run would). A client that goes away (Ctrl-C, killed)
 * closes the socket: the service interrupts the command.
 *
 * <p>Reads and writes go straight to the channel: {@code Channels.newInputStream} of a
 * socket channel holds the channel's blocking lock while it waits, which would stop the other
 * direction.
 */
final class CommandFrames {
    static final byte REQUEST = 1;
    static final byte ACCEPTED = 2;
    static final byte REFUSED = 3;
    static final byte STDOUT = 4;
    static final byte STDERR = 5;
    static final byte READ = 6;
    static final byte STDIN = 7;
    static final byte EXIT = 8;
    /** The protocol's version, the first string of a request. */
    static final String VERSION = "1";
    /** The most data one frame carries; larger writes are cut. */
    static final int MAX_DATA = 1 << 20;

    /** A frame received. */
    record Frame(byte type, byte[] data) {
        int intValue() throws IOException {
            if (data.length != 4) {
                throw new IOException("a frame of type " + type + " must hold an int");
            }
            return ByteBuffer.wrap(data).getInt();
        }

        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * What a client asks: the protocol version, its {@code --emulate} (empty when not given), its
     * working directory, whether its stdout and stderr are terminals, then the command line.
     */
    record Request(String emulate, String directory, boolean stdoutTerminal, boolean console, String[] commandLine) {
        byte[] encode() {
            List<String> strings = new ArrayList<>();
            strings.add(VERSION);
            strings.add(emulate);
            strings.add(directory);
            strings.add(stdoutTerminal ? "1" : "0");
            strings.add(console ? "1" : "0");
            strings.addAll(List.of(commandLine));
            int size = 4;
            List<byte[]> bytes = new ArrayList<>(strings.size());
            for (String s : strings) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                bytes.add(b);
                size += 4 + b.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(size).putInt(bytes.size());
            for (byte[] b : bytes) {
                buf.putInt(b.length).put(b);
            }
            return buf.array();
        }

        static Request decode(byte[] data) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(data);
            try {
                int n = buf.getInt();
                if (n < 5 || n > data.length / 4) {
                    throw new IOException("a request of " + n + " strings");
                }
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[buf.getInt()];
                    buf.get(b);
                    s[i] = new String(b, StandardCharsets.UTF_8);
                }
                if (!VERSION.equals(s[0])) {
                    throw new IOException("protocol version " + s[0] + ", this service speaks " + VERSION);
                }
                String[] line = new String[n - 5];
                System.arraycopy(s, 5, line, 0, line.length);
                return new Request(s[1], s[2], "1".equals(s[3]), "1".equals(s[4]), line);
            } catch (RuntimeException e) { // BufferUnderflow, NegativeArraySize
                throw new IOException("a malformed request", e);
            }
        }
    }

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(5);

    CommandFrames(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Sends one frame; threads may send at once, frames never interleave. */
    synchronized void send(byte type, byte[] data, int offset, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).put(type).putInt(length).flip();
        ByteBuffer[] frame = { head, ByteBuffer.wrap(data, offset, length) };
        while (frame[0].hasRemaining() || frame[1].hasRemaining()) {
            channel.write(frame);
        }
    }

    void send(byte type, byte[] data) throws IOException {
        send(type, data, 0, data.length);
    }

    void sendInt(byte type, int value) throws IOException {
        send(type, ByteBuffer.allocate(4).putInt(value).array());
    }

    /** Sends data cut into frames of at most {@link #MAX_DATA} bytes. */
    void sendData(byte type, byte[] data, int offset, int length) throws IOException {
        do {
            int n = Math.min(length, MAX_DATA);
            send(type, data, offset, n);
            offset += n;
            length -= n;
        } while (length > 0);
    }

    /** The next frame; one thread receives. */
    Frame receive() throws IOException {
        int length = receiveHeader();
        ByteBuffer data = ByteBuffer.allocate(length);
        fill(data);
        return new Frame(header.get(0), data.array());
    }

    /**
     * The next frame's type, with its data in {@code into} (flipped for reading; reallocated when
     * too small, so use the returned frame's buffer): for a loop that relays data and keeps none.
     */
    ByteBuffer receiveInto(ByteBuffer into) throws IOException {
        int length = receiveHeader();
        ByteBuffer data = into == null || into.capacity() < length ? ByteBuffer.allocate(Math.max(length, 1 << 16)) : into;
        data.clear().limit(length);
        fill(data);
        return data.flip();
    }

    /** The type of the frame {@link #receiveInto} received last. */
    byte lastType() {
        return header.get(0);
    }

    private int receiveHeader() throws IOException {
        header.clear();
        fill(header);
        int length = header.getInt(1);
        if (length < 0 || length > MAX_DATA + 4096) {
            throw new IOException("a frame of " + length + " bytes");
        }
        return length;
    }

    private void fill(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException("the other side closed the command socket");
            }
        }
    }
}
