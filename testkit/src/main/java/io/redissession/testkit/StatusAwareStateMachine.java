package io.redissession.testkit;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.RedisStateMachine;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Lettuce's RESP decoder, except that it passes simple strings ({@code +OK}) to
 * {@link CommandOutput#setSingle(ByteBuffer)}: Lettuce's own hands them to {@link CommandOutput#set(ByteBuffer)}, like
 * bulk strings, so an output could not tell a status from a value. Like Lettuce's, it passes no {@code QUEUED}
 * status at all (see {@link ReplyOutput}).
 */
final class StatusAwareStateMachine extends RedisStateMachine {

    @Override
    protected void safeSetSingle(CommandOutput<?, ?, ?> output, ByteBuffer bytes, Consumer<Throwable> errorHandler) {
        try {
            output.setSingle(bytes);
        } catch (RuntimeException e) {
            errorHandler.accept(e);
        }
    }
}
