package dev.unideploy.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Unideploy gateway: one deployments API in front of every configured provider connection. */
@SpringBootApplication
public class UnideployApplication {

    public static void main(String[] args) {
        SpringApplication.run(UnideployApplication.class, args);
    }
}
