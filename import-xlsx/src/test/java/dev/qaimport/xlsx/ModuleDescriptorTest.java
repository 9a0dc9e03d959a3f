package dev.qaimport.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheReaderAndNeedsOnlyTheCorePoiAndTheJdk() {
        ModuleDescriptor d = ModuleDescriptors.compiled();

        assertThat(d.name()).isEqualTo("dev.qaimport.xlsx");
        assertThat(ModuleDescriptors.exported(d)).containsExactly("dev.qaimport.xlsx");
        assertThat(d.packages()).contains("dev.qaimport.xlsx.internal");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "java.xml", "dev.qaimport.core", "org.apache.poi.poi");
    }
}
