/**
 * Actuator support: the {@code migrate} endpoint with the status report, and the {@code migrate}
 * health indicator for Spring Boot 3.x ({@link io.migrate.spring.health} holds the one for 4.x).
 */
package io.migrate.spring.actuate;
