package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hidesThePasswordAndUserInfoOfEveryUrlItWasGiven() {
        Secrets secrets = Secrets.fromArguments(new String[] {"--url", "redis://admin:p%40ss/w?rd@host:1", "tree"},
                "rediss://:envpass@other:2");

        assertThat(secrets.hide("admin:p%40ss/w?rd p%40ss/w?rd p@ss/w?rd envpass"))
                .isEqualTo("*** *** *** ***");
        assertThat(secrets.hide("nothing secret here")).isEqualTo("nothing secret here");
    }

    @Test
    void argumentsWithoutCredentialsHideNothing() {
        Secrets secrets = Secrets.fromArguments(new String[] {"--url=redis://host:6379", "get", "a@b", "k"}, null);

        assertThat(secrets.hide("redis://host:6379 a@b")).isEqualTo("redis://host:6379 a@b");
    }
}
