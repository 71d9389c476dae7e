-- Privileges Debezium's MySQL connector needs (snapshot + binlog), for docker-compose.yml.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'obkc'@'%';
FLUSH PRIVILEGES;
CREATE TABLE IF NOT EXISTS demo.orders (id INT PRIMARY KEY, customer VARCHAR(50) NOT NULL, amount DECIMAL(10,2));
INSERT INTO demo.orders VALUES (1, 'alice', 10.50), (2, 'bob', 20.00);
