CREATE TABLE tasks (
    id    BIGSERIAL    PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    done  BOOLEAN      NOT NULL DEFAULT false
);
