/** The {@code migrate} health indicator for Spring Boot 4.x, whose health API moved to {@code org.springframework.boot.health}. */
package io.migrate.spring.health;
