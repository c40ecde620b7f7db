package io.migrate.spring;

/** Which Spring Boot line the tests run on: the same sources run on 3.5 and on 4.0. */
final class Lines {

    private Lines() {
    }

    static boolean boot4() {
        try {
            Class.forName("org.springframework.boot.health.contributor.HealthIndicator", false, Lines.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
