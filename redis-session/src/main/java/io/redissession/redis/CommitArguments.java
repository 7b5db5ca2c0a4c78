package io.redissession.redis;

import io.redissession.config.TouchShare;
import io.redissession.session.SessionChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the keys and arguments of {@code commit.lua} (and of {@code create.lua}, which takes the same) from a
 * request's {@link SessionChanges}: which values go to the session hash and which, larger than
 * {@code largeAttributeSize}, to its large-values hash; the expiry and the touch slack of a new timeout. Pure: no
 * Redis call.
 */
final class CommitArguments {

    private static final byte[] CREATE = RedisSessionRepository.bytes("create");
    private static final byte[] UPDATE = RedisSessionRepository.bytes("update");
    private static final byte[] NONE = new byte[0];
    private static final byte[] BINDING_MARK = KeyLayout.BINDING_LISTENER_MARK.getBytes(
            java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] SET_USER = RedisSessionRepository.bytes("set");
    private static final byte[] CLEAR_USER = RedisSessionRepository.bytes("clear");

    private final KeyLayout keys;
    private final byte[] channel;
    private final byte[] node;
    private final TouchShare touchShare;
    private final int largeAttributeSize;
    private final long retentionMillis;

    /**
     * @param keys the namespace's keys; not {@code null}
     * @param node the name of this node, for notices; not {@code null}
     * @param touchShare gives the slack of a timeout; not {@code null}
     * @param largeAttributeSize values larger than this many bytes go to the large-values hash; 0 for none
     * @param retentionMillis how long expired data is kept past its deadline
     */
    CommitArguments(KeyLayout keys, String node, TouchShare touchShare, int largeAttributeSize, long retentionMillis) {
        this.keys = keys;
        this.channel = RedisSessionRepository.bytes(keys.noticeChannel());
        this.node = RedisSessionRepository.bytes(node);
        this.touchShare = touchShare;
        this.largeAttributeSize = largeAttributeSize;
        this.retentionMillis = retentionMillis;
    }

    /**
     * @param timeoutSeconds a positive timeout
     * @return the key expiry of a session with that timeout: the timeout plus its touch slack plus the retention, in
     *         milliseconds
     */
    long expiryMillis(int timeoutSeconds) {
        return timeoutSeconds * 1000L + touchShare.slackMillis(timeoutSeconds) + retentionMillis;
    }

    /** @return the script's keys: session, index shard and large-values hash, then the previous id's two hashes */
    String[] keys(SessionChanges changes) {
        return changes.previousId() == null ? keys.sessionAndIndexKeys(changes.id())
                : new String[] {keys.sessionKey(changes.id()), keys.expiryIndexKey(changes.id()),
                    keys.largeValuesKey(changes.id()), keys.sessionKey(changes.previousId()),
                    keys.largeValuesKey(changes.previousId())};
    }

    /** @return the script's arguments, as {@code commit.lua} documents them */
    byte[][] arguments(SessionChanges changes) {
        List<byte[]> args = new ArrayList<>(15 + 3 * changes.writes().size() + changes.removals().size());
        args.add(changes.create() ? CREATE : UPDATE);
        args.add(text(Long.toString(changes.creationTime())));
        Integer timeout = changes.maxInactiveInterval();
        args.add(timeout == null ? NONE : text(Integer.toString(timeout)));
        args.add(timeout == null || timeout <= 0 ? NONE : text(Long.toString(expiryMillis(timeout))));
        args.add(text(changes.id()));
        args.add(changes.previousId() == null ? NONE : text(changes.previousId()));
        args.add(channel);
        args.add(node);
        args.add(!changes.userChanged() ? NONE : changes.newUser() == null ? CLEAR_USER : SET_USER);
        args.add(changes.userChanged() && changes.newUser() != null ? text(changes.newUser()) : NONE);
        args.add(changes.user() == null ? NONE : text(changes.user()));
        args.add(timeout == null ? NONE : text(Long.toString(touchShare.slackMillis(timeout))));
        List<Map.Entry<String, byte[]>> large = new ArrayList<>();
        int countAt = args.size();
        args.add(NONE);
        changes.writes().forEach((name, value) -> {
            if (largeAttributeSize > 0 && value.length > largeAttributeSize) {
                large.add(Map.entry(name, value));
            } else {
                args.add(text(KeyLayout.attributeField(name)));
                args.add(value);
            }
        });
        args.set(countAt, text(Integer.toString(changes.writes().size() - large.size())));
        args.add(text(Integer.toString(large.size())));
        for (Map.Entry<String, byte[]> value : large) {
            args.add(text(KeyLayout.attributeField(value.getKey())));
            args.add(text(KeyLayout.largeField(value.getKey())));
            args.add(changes.bindingListeners().contains(value.getKey()) ? BINDING_MARK : NONE);
            args.add(value.getValue());
        }
        changes.removals().forEach(name -> args.add(text(name)));
        return args.toArray(new byte[0][]);
    }

    private static byte[] text(String value) {
        return RedisSessionRepository.bytes(value);
    }
}
