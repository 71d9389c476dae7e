-- MySQL/MariaDB schema corpus for the schema-migration tests. Statements are separated by lines holding only ";;".
CREATE TABLE all_types (
  id INT NOT NULL AUTO_INCREMENT,
  c_tinyint TINYINT DEFAULT -1,
  c_tinyint_u TINYINT UNSIGNED,
  c_smallint SMALLINT,
  c_mediumint MEDIUMINT,
  c_int_zf INT(8) UNSIGNED ZEROFILL,
  c_bigint_u BIGINT UNSIGNED,
  c_dec DECIMAL(65,30),
  c_dec2 DECIMAL(10,2) DEFAULT 1.50,
  c_numeric NUMERIC,
  c_float FLOAT,
  c_float73 FLOAT(7,3),
  c_double DOUBLE,
  c_real REAL,
  c_bit1 BIT(1),
  c_bit64 BIT(64) DEFAULT b'101',
  c_bool BOOL DEFAULT 0,
  c_date DATE,
  c_time TIME(3),
  c_datetime DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  c_timestamp TIMESTAMP NULL DEFAULT NULL,
  c_year YEAR,
  c_char CHAR(10) NOT NULL DEFAULT 'abc',
  c_varchar_latin1 VARCHAR(255) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
  c_varchar_big VARCHAR(16000),
  c_varchar_uni VARCHAR(50) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci,
  c_binary BINARY(16),
  c_varbinary VARBINARY(255),
  c_tinytext TINYTEXT,
  c_text TEXT DEFAULT 'dropped default',
  c_mediumtext MEDIUMTEXT,
  c_longtext LONGTEXT,
  c_tinyblob TINYBLOB,
  c_blob BLOB,
  c_mediumblob MEDIUMBLOB,
  c_longblob LONGBLOB,
  c_enum ENUM('a','b','it''s') NOT NULL DEFAULT 'b',
  c_set SET('x','y','z') DEFAULT 'x,y',
  c_json JSON,
  c_geometry GEOMETRY,
  c_point POINT,
  c_linestring LINESTRING,
  c_polygon POLYGON,
  c_multipoint MULTIPOINT,
  c_multilinestring MULTILINESTRING,
  c_multipolygon MULTIPOLYGON,
  c_geomcollection GEOMETRYCOLLECTION,
  c_uuid UUID,
  c_inet6 INET6,
  c_inet4 INET4,
  `order` INT COMMENT 'reserved word, with a comment',
  `select` VARCHAR(10),
  c_expr_default VARCHAR(36) DEFAULT (uuid()),
  PRIMARY KEY (id)
) ENGINE=InnoDB AUTO_INCREMENT=1000 COMMENT='every MySQL/MariaDB type'
;;
CREATE TABLE idx (
  a INT NOT NULL,
  b VARCHAR(100) NOT NULL,
  c VARCHAR(200),
  d TEXT,
  e INT,
  f DATE,
  g POINT NOT NULL,
  h TEXT,
  PRIMARY KEY (a, b),
  UNIQUE KEY uk_c (c),
  UNIQUE KEY uk_ef (e, f),
  KEY ix_d_prefix (d(20)),
  KEY ix_multi (e, f, c(10)) COMMENT 'multi-column',
  KEY ix_desc (f DESC),
  FULLTEXT KEY ft_h (h),
  SPATIAL KEY sp_g (g)
)
;;
CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, UNIQUE KEY uk_name (name))
;;
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, parent_name VARCHAR(20),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,
  CONSTRAINT fk_child_parent_name FOREIGN KEY (parent_name) REFERENCES parent (name) ON UPDATE SET NULL)
;;
CREATE TABLE grandchild (id INT PRIMARY KEY, child_id INT NOT NULL, manager_id INT,
  CONSTRAINT fk_gc_child FOREIGN KEY (child_id) REFERENCES child (id),
  CONSTRAINT fk_gc_self FOREIGN KEY (manager_id) REFERENCES grandchild (id))
;;
CREATE TABLE no_pk (a INT, b VARCHAR(10))
;;
CREATE TABLE no_pk_uk (a INT NOT NULL, b VARCHAR(10), UNIQUE KEY uk_a (a))
;;
CREATE TABLE no_pk_nullable_uk (a INT, b VARCHAR(10), UNIQUE KEY uk_a (a))
;;
CREATE TABLE gen (id INT PRIMARY KEY, price DECIMAL(10,2), qty INT,
  total DECIMAL(12,2) AS (price * qty) STORED,
  label VARCHAR(40) AS (CONCAT('item-', id)) VIRTUAL,
  KEY ix_total (total))
;;
CREATE TABLE checks (id INT PRIMARY KEY, qty INT, lo INT, hi INT,
  CONSTRAINT chk_qty CHECK (qty >= 0), CONSTRAINT chk_range CHECK (lo <= hi))
;;
CREATE TABLE part_range (id INT NOT NULL, created DATE NOT NULL, v INT, PRIMARY KEY (id, created))
  PARTITION BY RANGE (YEAR(created)) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION p2021 VALUES LESS THAN (2022),
  PARTITION pmax VALUES LESS THAN MAXVALUE)
;;
CREATE TABLE part_list (id INT NOT NULL, region INT NOT NULL, PRIMARY KEY (id, region))
  PARTITION BY LIST (region) (PARTITION pa VALUES IN (1, 2), PARTITION pb VALUES IN (3, 4))
;;
CREATE TABLE part_hash (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(10)) PARTITION BY HASH (id) PARTITIONS 4
;;
CREATE TABLE part_key (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(10)) PARTITION BY KEY (id) PARTITIONS 3
;;
CREATE TABLE part_range_columns (a INT NOT NULL, b VARCHAR(10) NOT NULL, PRIMARY KEY (a, b))
  PARTITION BY RANGE COLUMNS (a, b) (PARTITION p0 VALUES LESS THAN (10, 'm'), PARTITION p1 VALUES LESS THAN (MAXVALUE, MAXVALUE))
;;
CREATE TABLE part_no_pk (id INT, v INT) PARTITION BY HASH (id) PARTITIONS 2
;;
CREATE TABLE excluded_table (id INT PRIMARY KEY)
;;
CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE id > 0
;;
CREATE VIEW v_parent_upper AS SELECT id, UPPER(name) AS uname FROM v_parent
;;
CREATE VIEW v_join AS SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.parent_id
;;
CREATE TRIGGER trg_parent BEFORE INSERT ON parent FOR EACH ROW SET NEW.name = TRIM(NEW.name)
;;
CREATE PROCEDURE proc_noop() BEGIN SELECT 1; END
;;
CREATE FUNCTION fn_one() RETURNS INT DETERMINISTIC RETURN 1
;;
CREATE EVENT ev_noop ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1
;;
CREATE SEQUENCE seq_orders
