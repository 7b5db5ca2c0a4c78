package io.redissession.testkit;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The reply to one {@link RedisTestConnection} command, of any shape, as the values that class describes: simple string
 * to {@link String}, error to {@link RedisErrorReply} (an error of the whole reply is left to Lettuce, which fails the
 * command with it), integer to {@link Long}, bulk string to {@code byte[]}, array to {@code List<Object>}, nil to
 * {@code null}; RESP3 maps come flat, as in RESP2. It needs a {@link StatusAwareStateMachine} to see simple strings.
 *
 * <p>Lettuce's decoder calls {@code multi} when an array starts, one setter per element, and
 * {@code complete(depth)} once an element is done, {@code depth} being the nesting level of the array it belongs to
 * ({@code 0} for the whole reply). It passes no {@code QUEUED} status to outputs: an element that set nothing is that
 * status.
 */
final class ReplyOutput extends CommandOutput<byte[], byte[], Object> {

    private static final String QUEUED = "QUEUED";

    /** The arrays still being filled, innermost first. */
    private final Deque<OpenArray> open = new ArrayDeque<>();
    private boolean replied;

    ReplyOutput() {
        super(ByteArrayCodec.INSTANCE, null);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : bytes(bytes));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(bytes == null ? null : text(bytes));
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        add(bytes == null ? null : text(bytes));
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void setError(ByteBuffer error) {
        setError(error == null ? "" : text(error));
    }

    @Override
    public void setError(String error) {
        if (open.isEmpty()) {
            replied = true;
            super.setError(error);
        } else {
            add(new RedisErrorReply(error));
        }
    }

    @Override
    public void multi(int count) {
        List<Object> array = count < 0 ? null : new ArrayList<>(count);
        add(array);
        if (array != null) {
            open.push(new OpenArray(array));
        }
    }

    @Override
    public void multiMap(int count) {
        multi(count < 0 ? count : 2 * count);
    }

    @Override
    public void complete(int depth) {
        while (open.size() > depth) {
            open.pop();
        }
        OpenArray array = open.peek();
        if (array == null) {
            if (!replied) {
                replied = true;
                output = QUEUED;
            }
            return;
        }
        if (array.items.size() < ++array.completed) {
            array.items.add(QUEUED);
        }
    }

    private void add(Object value) {
        OpenArray array = open.peek();
        if (array == null) {
            replied = true;
            output = value;
        } else {
            array.items.add(value);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String text(ByteBuffer buffer) {
        return new String(bytes(buffer), StandardCharsets.UTF_8);
    }

    /** An array being filled, with the number of its elements the decoder has completed. */
    private static final class OpenArray {
        final List<Object> items;
        int completed;

        OpenArray(List<Object> items) {
            this.items = items;
        }
    }
}
