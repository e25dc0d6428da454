/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.mmipc;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The layers of ipc-core, bottom to top (README's package table): a package may use only the packages below
 * it, and no two packages depend on each other. Fails the build on an upward import or a cycle.
 */
final class LayersTest
{
    /** Bottom to top; a layer may use every layer before it. */
    static final List<String> LAYERS = List.of(
        "exceptions", "events", "wait", "liveness", "codec", "region", "", "shared", "counters", "queue",
        "sync", "pipe", "process", "pool");

    /** One slice per package, the root package included (a pattern like {@code dev.mmipc.(*)..} leaves it out). */
    static final SliceAssignment PACKAGES = new SliceAssignment()
    {
        @Override
        public SliceIdentifier getIdentifierOf(final JavaClass javaClass)
        {
            final String pkg = javaClass.getPackageName();
            return pkg.equals("dev.mmipc") || pkg.startsWith("dev.mmipc.") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription()
        {
            return "the packages of dev.mmipc";
        }
    };

    private static final JavaClasses CORE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mmipc");

    @Test
    void shouldHaveNoPackageCycles()
    {
        SlicesRuleDefinition.slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void shouldImportOnlyFromLowerLayers()
    {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (final String layer : LAYERS)
        {
            layers = layers.layer(name(layer)).definedBy(pkg(layer));
        }
        for (int i = 0; i < LAYERS.size() - 1; i++)
        {
            final String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(LayersTest::name).toArray(String[]::new);
            layers = layers.whereLayer(name(LAYERS.get(i))).mayOnlyBeAccessedByLayers(above);
        }
        layers = layers.whereLayer(name(LAYERS.get(LAYERS.size() - 1))).mayNotBeAccessedByAnyLayer();
        layers.check(CORE);
    }

    private static String name(final String layer)
    {
        return layer.isEmpty() ? "root" : layer;
    }

    private static String pkg(final String layer)
    {
        return layer.isEmpty() ? "dev.mmipc" : "dev.mmipc." + layer + "..";
    }
}
