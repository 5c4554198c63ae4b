-- Demo instances for instance-registry: Indico servers in many countries, registered over two years, crawled
-- (mostly with success), with the fields Indico's /system-info reports. Re-running adds nothing (url_key).
WITH places(n, code, name, lat, lon, org) AS (VALUES
  (0, 'CH', 'Switzerland', 46.23, 6.05, 'CERN'), (1, 'DE', 'Germany', 53.57, 9.88, 'DESY'), (2, 'FR', 'France', 48.71, 2.17, 'IJCLab'),
  (3, 'IT', 'Italy', 41.89, 12.49, 'INFN'), (4, 'US', 'United States', 41.84, -88.26, 'Fermilab'), (5, 'US', 'United States', 37.42, -122.20, 'SLAC'),
  (6, 'GB', 'United Kingdom', 51.57, -1.31, 'STFC'), (7, 'JP', 'Japan', 36.15, 140.08, 'KEK'), (8, 'BR', 'Brazil', -22.95, -43.17, 'CBPF'),
  (9, 'ES', 'Spain', 40.44, -3.72, 'CIEMAT'), (10, 'PL', 'Poland', 50.06, 19.92, 'IFJ PAN'), (11, 'IN', 'India', 19.05, 72.92, 'TIFR'),
  (12, 'ZA', 'South Africa', -33.93, 18.47, 'iThemba LABS'), (13, 'AU', 'Australia', -37.91, 145.13, 'Monash University'),
  (14, 'CA', 'Canada', 49.25, -123.23, 'TRIUMF'), (15, 'CN', 'China', 39.91, 116.26, 'IHEP'), (16, 'SE', 'Sweden', 55.71, 13.20, 'Lund University'),
  (17, 'NL', 'Netherlands', 52.36, 4.95, 'Nikhef'), (18, 'AT', 'Austria', 48.21, 16.37, 'HEPHY'), (19, 'MX', 'Mexico', 19.33, -99.19, 'UNAM'),
  (20, 'KR', 'South Korea', 36.37, 127.36, 'KISTI'), (21, 'IL', 'Israel', 31.90, 34.81, 'Weizmann Institute'), (22, 'CL', 'Chile', -33.44, -70.65, 'Universidad de Chile'),
  (23, 'GR', 'Greece', 37.97, 23.78, 'NCSR Demokritos'), (24, 'PT', 'Portugal', 38.75, -9.15, 'LIP'), (25, 'CZ', 'Czechia', 50.12, 14.47, 'FZU'),
  (26, 'NO', 'Norway', 59.94, 10.72, 'University of Oslo'), (27, 'AR', 'Argentina', -34.60, -58.38, 'CNEA'), (28, 'EG', 'Egypt', 30.04, 31.24, 'ASRT'),
  (29, 'TR', 'Turkey', 39.87, 32.75, 'TENMAK')),
gen AS (
  SELECT g, p.*, now() - ((g * 9 + (g % 7) * 13) || ' days')::interval AS registered
  FROM generate_series(0, 89) AS g JOIN places p ON p.n = g % 30)
INSERT INTO instance (uuid, url, url_key, contact, email, organization, enabled, registered, crawled, last_crawl, last_success,
                      crawl_status, crawl_error, consecutive_failures, country_code, country_name, latitude, longitude)
SELECT md5('demo-' || g)::uuid,
       'https://indico' || CASE WHEN g >= 30 THEN (g / 30)::text ELSE '' END || '.' || lower(replace(org, ' ', '-')) || '.example.org',
       'indico' || CASE WHEN g >= 30 THEN (g / 30)::text ELSE '' END || '.' || lower(replace(org, ' ', '-')) || '.example.org',
       'Indico team', 'indico-team@' || lower(replace(org, ' ', '-')) || '.example.org', org,
       g % 23 <> 5, registered,
       CASE WHEN g % 11 = 4 THEN '{}'::jsonb ELSE jsonb_build_object(
         'indico_version', (ARRAY['3.3.6', '3.3.5', '3.2.9', '3.3.4', '3.1.2', '3.3.6'])[1 + g % 6],
         'python_version', (ARRAY['3.12.7', '3.12.7', '3.11.10', '3.9.20', '3.12.4'])[1 + g % 5],
         'postgres_version', (ARRAY['16.4', '15.8', '14.13', '16.4', '13.16', '17.0'])[1 + (g * 7) % 6],
         'operating_system', (ARRAY['Linux AlmaLinux 9.4', 'Linux Debian 12', 'Linux Ubuntu 22.04', 'Linux Rocky Linux 9.3', 'Linux Debian 12'])[1 + (g * 3) % 5],
         'language', (ARRAY['en_GB', 'en_US', 'fr_FR', 'de_DE', 'es_ES', 'en_GB', 'it_IT', 'pt_BR'])[1 + g % 8],
         'debug', false) END,
       CASE WHEN g % 11 = 4 THEN NULL ELSE now() - ((g % 5) || ' hours')::interval END,
       CASE WHEN g % 11 = 4 THEN NULL WHEN g % 13 = 7 THEN now() - '9 days'::interval ELSE now() - ((g % 5) || ' hours')::interval END,
       CASE WHEN g % 11 = 4 THEN NULL WHEN g % 13 = 7 THEN 'failed' ELSE 'ok' END,
       CASE WHEN g % 13 = 7 THEN 'HTTP 503 from /system-info' END,
       CASE WHEN g % 13 = 7 THEN 9 ELSE 0 END,
       code, name, lat + (g % 5) * 0.07, lon - (g % 3) * 0.09
FROM gen
ON CONFLICT (url_key) DO NOTHING;

-- A crawl history for every crawled demo instance that has none yet: daily attempts of the last week.
INSERT INTO crawl_record (instance_id, started, finished, status, reason, error, http_status)
SELECT i.id, i.last_crawl - (d || ' days')::interval, i.last_crawl - (d || ' days')::interval + interval '840 milliseconds',
       CASE WHEN i.crawl_status = 'failed' AND d < i.consecutive_failures THEN 'failed' ELSE 'ok' END,
       CASE WHEN i.crawl_status = 'failed' AND d < i.consecutive_failures THEN 'http_status' END,
       CASE WHEN i.crawl_status = 'failed' AND d < i.consecutive_failures THEN 'HTTP 503 from /system-info' END,
       CASE WHEN i.crawl_status = 'failed' AND d < i.consecutive_failures THEN 503 ELSE 200 END
FROM instance i CROSS JOIN generate_series(0, 6) AS d
WHERE i.email LIKE 'indico-team@%.example.org' AND i.last_crawl IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM crawl_record c WHERE c.instance_id = i.id);
