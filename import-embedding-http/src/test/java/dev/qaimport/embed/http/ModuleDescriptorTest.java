package dev.qaimport.embed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheServicePackage() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target", "classes")).findAll().iterator().next().descriptor();

        assertThat(d.name()).isEqualTo("dev.qaimport.embed.http");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.qaimport.embed.http");
        assertThat(d.packages()).contains("dev.qaimport.embed.http.internal");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).contains("java.net.http", "dev.qaimport.core");
    }
}
