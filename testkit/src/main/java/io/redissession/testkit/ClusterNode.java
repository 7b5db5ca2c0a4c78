package io.redissession.testkit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: {@code <id> <ip:port@cport[,hostname]> <flags> <master-id>
 * <ping-sent> <pong-recv> <config-epoch> <link-state> <slot>...}, as one node sees another (or itself).
 * Slots being imported or migrated ({@code [slot->-id]}) are not counted as owned.
 */
final class ClusterNode {

    private static final int FIXED_FIELDS = 8;

    private final String id;
    private final int port;
    private final Set<String> flags;
    private final String masterId;
    private final boolean connected;
    private final BitSet slots;

    private ClusterNode(String id, int port, Set<String> flags, String masterId, boolean connected, BitSet slots) {
        this.id = id;
        this.port = port;
        this.flags = flags;
        this.masterId = masterId;
        this.connected = connected;
        this.slots = slots;
    }

    /** Asks a node for {@code CLUSTER NODES}: every node it knows, itself included. */
    static List<ClusterNode> seenBy(RedisServer node) {
        try (RedisTestConnection connection = node.connect()) {
            return parseAll(connection.string("CLUSTER", "NODES"));
        }
    }

    /** Asks a node for its own line of {@code CLUSTER NODES}. */
    static ClusterNode self(RedisServer node) {
        return seenBy(node).stream().filter(ClusterNode::isMyself).findFirst()
                .orElseThrow(() -> new IllegalStateException("CLUSTER NODES of " + node + " has no myself line"));
    }

    /** Parses the whole reply of {@code CLUSTER NODES}, one node per non-empty line. */
    static List<ClusterNode> parseAll(String text) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                nodes.add(parse(line));
            }
        }
        return nodes;
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException if the line has fewer than 8 fields or a malformed address or slot
     */
    static ClusterNode parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < FIXED_FIELDS) {
            throw new IllegalArgumentException("parse: CLUSTER NODES line [" + line + "] has fewer than " + FIXED_FIELDS + " fields");
        }
        try {
            String address = fields[1];
            int at = address.indexOf('@');
            String hostPort = at < 0 ? address : address.substring(0, at);
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            BitSet slots = new BitSet(KeySlots.SLOTS);
            for (int i = FIXED_FIELDS; i < fields.length; i++) {
                addSlots(slots, fields[i]);
            }
            return new ClusterNode(fields[0], port, Set.of(fields[2].split(",")), "-".equals(fields[3]) ? null : fields[3],
                    "connected".equals(fields[7]), slots);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("parse: malformed CLUSTER NODES line [" + line + "]", e);
        }
    }

    private static void addSlots(BitSet slots, String field) {
        if (field.startsWith("[")) {
            return;
        }
        int dash = field.indexOf('-');
        if (dash < 0) {
            slots.set(Integer.parseInt(field));
        } else {
            slots.set(Integer.parseInt(field.substring(0, dash)), Integer.parseInt(field.substring(dash + 1)) + 1);
        }
    }

    /** Returns the node id (40 hex characters). */
    String id() {
        return id;
    }

    /** Returns the client port; {@code 0} for a node known only by a handshake without address. */
    int port() {
        return port;
    }

    /** Returns whether this line describes the node that was asked. */
    boolean isMyself() {
        return flags.contains("myself");
    }

    /** Returns whether the node is a master, failing or not. */
    boolean isMaster() {
        return flags.contains("master");
    }

    /** Returns whether the node is a replica. */
    boolean isReplica() {
        return flags.contains("slave");
    }

    /** Returns whether the node is suspected ({@code fail?}) or agreed ({@code fail}) to have failed. */
    boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    /** Returns whether the node is still in the handshake that follows CLUSTER MEET, or has no address. */
    boolean isJoining() {
        return flags.contains("handshake") || flags.contains("noaddr");
    }

    /** Returns whether the cluster bus link to the node is up (always for {@code myself}). */
    boolean isConnected() {
        return connected;
    }

    /** Returns the id of the master of a replica, or {@code null}. */
    String masterId() {
        return masterId;
    }

    /** Returns whether the node serves the slot. */
    boolean owns(int slot) {
        return slots.get(slot);
    }

    /** Returns the number of slots the node serves. */
    int slotCount() {
        return slots.cardinality();
    }

    /** Returns the lowest slot the node serves, or {@code -1}. */
    int firstSlot() {
        return slots.nextSetBit(0);
    }

    @Override
    public String toString() {
        return id + " port " + port + " " + String.join(",", flags.stream().sorted().toList())
                + (masterId == null ? "" : " of " + masterId) + " " + slots.cardinality() + " slots";
    }
}
