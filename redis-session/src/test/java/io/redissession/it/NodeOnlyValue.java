package io.redissession.it;

import java.io.Serializable;

/** A session attribute value that cannot be serialized; its text names the instance. */
class NodeOnlyValue {

    private final String value;

    NodeOnlyValue(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "node-only:" + value + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    /** Serializable itself, but holds a field that is not: refused only when written. */
    static final class Nested implements Serializable {
        private static final long serialVersionUID = 1L;
        private final NodeOnlyValue inner;

        Nested(String value) {
            this.inner = new NodeOnlyValue(value);
        }

        @Override
        public String toString() {
            return "nested-" + inner;
        }
    }
}
