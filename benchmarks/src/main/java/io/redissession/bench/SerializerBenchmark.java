package io.redissession.bench;

import io.redissession.serializer.JdkSerializer;
import io.redissession.serializer.JsonSerializer;
import io.redissession.session.AttributeCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Encoding and decoding of typical attribute values with each built-in serializer. */
@State(Scope.Thread)
public class SerializerBenchmark {

    /** A small application object, as a cart or a user profile in a session. */
    public static final class Cart implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The items' names. */
        public List<String> items = new ArrayList<>();
        /** The total, in cents. */
        public long total;
    }

    /** Which serializer. */
    @Param({"jdk", "json"})
    public String serializer;

    /** Which value. */
    @Param({"string", "integer", "cart", "kilobyte"})
    public String value;

    private AttributeCodec codec;
    private Object object;
    private byte[] encoded;

    /** Builds the codec and the value once. */
    @Setup
    public void setUp() {
        ClassLoader loader = getClass().getClassLoader();
        codec = new AttributeCodec(serializer.equals("jdk") ? new JdkSerializer()
                : new JsonSerializer(List.of(Cart.class.getName())), loader);
        object = switch (value) {
            case "string" -> "alice@example.com";
            case "integer" -> 42;
            case "kilobyte" -> "x".repeat(1024);
            default -> {
                Cart cart = new Cart();
                for (int i = 0; i < 10; i++) {
                    cart.items.add("item-" + i);
                }
                cart.total = 12_345;
                yield cart;
            }
        };
        encoded = codec.encode("e001" + "b".repeat(22), "value", object);
    }

    /** @return the serialized value */
    @Benchmark
    public byte[] encode() {
        return codec.encode("e001" + "b".repeat(22), "value", object);
    }

    /** @return the value read back */
    @Benchmark
    public Optional<Object> decode() {
        return codec.decode("e001" + "b".repeat(22), "value", encoded);
    }
}
