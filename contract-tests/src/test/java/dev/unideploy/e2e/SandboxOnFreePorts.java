package dev.unideploy.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway test whose sandbox simulators listen on free ports, never on the fixed 9101–9105 that a person's
 * {@code spring-boot:run} or another test's gateway may hold.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(
        properties = {
            "unideploy.sandbox.ports.coolify=0",
            "unideploy.sandbox.ports.dokploy=0",
            "unideploy.sandbox.ports.zectre=0",
            "unideploy.sandbox.ports.dooor=0",
            "unideploy.sandbox.ports.mist=0"
        })
@interface SandboxOnFreePorts {}
