package dev.unideploy.gateway.config;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Makes the API's controllers ({@code dev.unideploy.gateway.web}) on their first request instead of at start-up
 * (issue 17): health needs none of them, and each is a validating proxy whose class is generated at run time (~0.1 s
 * apiece on two cores). Their request mappings are still known at start, from the bean types, so the first request
 * of each finds its handler and only waits for the controller to be made once; what a controller depends on
 * (provider registry, stores) is still made, and checked, at start. Their constructors only keep their dependencies
 * (and {@code MetaController} reads the OpenAPI document from the jar). The browser's controllers stay eager: the
 * OIDC sign-in checks {@code unideploy.oidc.dashboard} when it is made, and a mistake there must end the start.
 */
@Component
final class LazyControllers implements BeanFactoryPostProcessor {

    private static final String API_PACKAGE = "dev.unideploy.gateway.web.";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (isApiController(definition)) {
                definition.setLazyInit(true);
            }
        }
    }

    private static boolean isApiController(BeanDefinition definition) {
        String className = definition.getBeanClassName();
        if (className == null || !className.startsWith(API_PACKAGE)) {
            return false;
        }
        try {
            Class<?> type = ClassUtils.forName(className, LazyControllers.class.getClassLoader());
            return MergedAnnotations.from(type).isPresent(Controller.class);
        } catch (ClassNotFoundException | LinkageError unknown) {
            return false;
        }
    }
}
