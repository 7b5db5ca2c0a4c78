package io.redissession.tools;

import java.io.Serializable;

/** An application class the tool knows only through {@code --classpath}. */
public record Cart(String owner, int items) implements Serializable {
}
