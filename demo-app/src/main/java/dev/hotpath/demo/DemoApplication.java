package dev.hotpath.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Entry point of the Hotpath demo. Starting it also starts a small load generator (see
 * {@link LoadGenerator}) that keeps two threads busy calling the demo endpoints, so
 * profiles have data within a minute; set {@code demo.load.enabled=false} to turn that
 * off. {@code @Async} methods ({@link ProductLookups}) run on Spring Boot's task
 * executor.
 *
 * @author Hotpath contributors
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableAsync
public final class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
