package io.regioncache.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the executable jar's manifest carries (none when run from classes). */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RegionCacheCli.class.getPackage().getImplementationVersion();
        return new String[] {"region-cache CLI " + (version == null ? "(development build)" : version)};
    }
}
