package dev.unideploy.gateway;

import dev.unideploy.gateway.config.UnideployProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Unideploy gateway: one deployments API in front of every configured provider connection. */
@SpringBootApplication
@EnableConfigurationProperties(UnideployProperties.class)
public class UnideployApplication {

    public static void main(String[] args) {
        SpringApplication.run(UnideployApplication.class, args);
    }
}
