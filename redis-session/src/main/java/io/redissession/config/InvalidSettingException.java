package io.redissession.config;

import io.redissession.RedisSessionException;

/** A setting has a value this library cannot use. The message names the setting, the value and what is accepted. */
public class InvalidSettingException extends RedisSessionException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String accepted;

    /**
     * @param setting the setting's name, for example {@code redisUri}; not {@code null}
     * @param value the value as given (secrets already masked), or {@code null}
     * @param source where the value came from, for example {@code "filter init-param redisUri"}, or {@code null}
     * @param accepted what values are accepted; not {@code null}
     */
    public InvalidSettingException(String setting, String value, String source, String accepted) {
        super("Invalid setting " + setting + " [" + value + "]" + (source == null ? "" : " from " + source)
                + ": " + accepted, null);
        this.setting = setting;
        this.value = value;
        this.accepted = accepted;
    }

    /** @return the name of the invalid setting */
    public String getSetting() {
        return setting;
    }

    /**
     * @param source where the value came from; not {@code null}
     * @return the same error, naming its source
     */
    InvalidSettingException withSource(String source) {
        return new InvalidSettingException(setting, value, source, accepted);
    }
}
