package io.regioncache.cli;

import io.regioncache.RedisKeyLayout;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get REGION KEY [--codec utf8|bytes|java|json] [--allow PATTERN]...}: one value, decoded. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Prints the value stored under KEY in REGION, decoded by a codec. A missing key exits with 1.")
final class GetCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Parameters(index = "1", paramLabel = "KEY")
    private String key;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "java",
            description = "utf8, bytes (shown in hex), java (the library's default codec, behind its allow-list) "
                    + "or json (printed as stored, no class instantiated); default: ${DEFAULT-VALUE}")
    private ValueCodec codec;

    @Option(names = "--allow", paramLabel = "PATTERN",
            description = "With --codec java, also allow these classes (jdk.serialFilter syntax, e.g. com.acme.**); repeatable")
    private List<String> allowed = new ArrayList<>();

    @Override
    public Integer call() {
        String name = layout().resolve(region);
        if (RedisKeyLayout.isReservedField(key)) {
            throw new IllegalArgumentException("Key '" + key + "' is reserved: fields starting with '"
                    + RedisKeyLayout.RESERVED_FIELD_PREFIX + "' hold the store's bookkeeping, not entries");
        }
        byte[] stored = session().commands().hget(layout().hashKey(name), key);
        if (stored == null) {
            throw new InputException("No key '" + key + "' in region " + name);
        }
        ValueCodec.Decoded value = codec.decode(stored, allowed);
        if (json()) {
            Json.print(out(), value.toJson(name, key, codec));
        } else {
            out().println(value.text());
        }
        return 0;
    }
}
