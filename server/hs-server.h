/* hs-server.h — the parts of hotich-server and how they meet.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hs-http.c accepts requests and hands each one, body read and device
 * authenticated, to a handler (hs-enroll.c, hs-push.c, hs-pull.c,
 * hs-blocks.c, hs-stats.c).  A handler answers through hs_request_json()
 * or hs_request_error().  Handlers run on libmicrohttpd's connection threads
 * with a PostgreSQL connection borrowed from the server's pool.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "ht-record.h"   /* also the cJSON autoptr */
#include "hs-pin.h"
#include "hs-scope.h"

G_BEGIN_DECLS

#define HS_ERROR (hs_error_quark ())
GQuark hs_error_quark (void);

typedef enum {
  HS_ERROR_FAILED,
  HS_ERROR_INVALID,    /* bad arguments or input */
  HS_ERROR_NOT_FOUND,
  HS_ERROR_FORBIDDEN,  /* outside the caller's scope */
} HsError;

/* Limits of DESIGN.md "Sync protocol v1". */
#define HS_MAX_BODY_BYTES   (8 * 1024 * 1024)
#define HS_MAX_CHANGES      1000
#define HS_PULL_LIMIT       500
#define HS_PULL_LIMIT_MAX   1000

typedef struct
{
  char     *conninfo;
  char     *listen_host;
  guint     listen_port;
  guint     threads;         /* requests worked on at once (database connections) */
  guint     block_size;      /* register numbers per block */
  double    rate;            /* requests per second per device */
  double    burst;           /* bucket size */
  char     *tls_cert_pem;
  char     *tls_key_pem;
  gboolean  quiet;           /* no access log */
  guint8   *ministry_secret_key; /* 64 bytes (ht-sign.h), or NULL: enrolment certifies no signing keys */
} HsConfig;

typedef struct _HsServer HsServer;

typedef enum {
  HS_ROLE_CLERK,
  HS_ROLE_REVIEWER,
  HS_ROLE_ADMIN,
} HsRole;

typedef struct
{
  char   *id;
  char   *name;
  HsRole  role;
  char   *office;   /* clerk only */
  char   *scope;    /* office, district or province code; "" for admins */
} HsDevice;

void hs_device_free (HsDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDevice, hs_device_free)

const char *hs_role_name  (HsRole role);
gboolean    hs_role_parse (const char *name, HsRole *out);

typedef struct _HsRequest HsRequest;

struct _HsRequest
{
  HsServer        *server;
  const HsConfig  *config;
  void            *connection;  /* struct MHD_Connection */
  const char      *method;
  const char      *path;
  const char      *body;        /* decoded (gunzipped) request body, NUL-terminated */
  gsize            body_len;
  HsDevice        *device;      /* NULL for unauthenticated calls */
  PGconn          *db;          /* borrowed from the pool for this request */

  /* The answer. */
  guint            status;
  char            *response;
  gsize            response_len;
  char            *retry_after;
  const char      *allow;       /* for 405 */
};

/* ---- Answers (hs-http.c) ---- */

/* Answers with a JSON body; takes "json". */
void        hs_request_json   (HsRequest  *req,
                               guint       status,
                               cJSON      *json);
/* Answers {"error":{"code","message"}}. */
void        hs_request_error  (HsRequest  *req,
                               guint       status,
                               const char *code,
                               const char *format,
                               ...) G_GNUC_PRINTF (4, 5);
/* Maps a GError from the database or a module to 5xx (503 when PostgreSQL
 * is unreachable, 500 otherwise) and logs it without details to the client. */
void        hs_request_fail   (HsRequest    *req,
                               const GError *error);
/* A query-string argument, or NULL. */
const char *hs_request_arg    (HsRequest  *req,
                               const char *name);
/* Parses the body as JSON; answers 400 and returns NULL when it is not. */
cJSON      *hs_request_parse_body (HsRequest *req);

/* ---- Server (hs-http.c) ---- */

HsServer        *hs_server_new        (const HsConfig  *config,
                                       GError         **error);
/* Starts listening; returns the bound port (useful with port 0). */
gboolean         hs_server_start      (HsServer  *self,
                                       guint     *port,
                                       GError   **error);
/* Stops accepting, waits for requests in flight (at most "grace_ms"), stops. */
void             hs_server_stop       (HsServer  *self,
                                       guint      grace_ms);
void             hs_server_free       (HsServer  *self);
HsPinConnector  *hs_server_get_pin_connector (HsServer *self);

/* ---- Devices, tokens, codes, rate (hs-auth.c) ---- */

/* 32 random bytes, base64url without padding. */
char     *hs_auth_new_token     (void);
/* Lower-case hex SHA-256 of a string. */
char     *hs_auth_sha256_hex    (const char *text,
                                 gssize      length);
/* The hash of a change's content: hs_auth_sha256_hex() of
 * "RECORD_ID\nBASE_VERSION\nOP\nCONTENT", without building that text. */
char     *hs_auth_change_hash   (const char *record_id,
                                 gint64      base_version,
                                 const char *op,
                                 const char *content);
/* A human-typable one-time code, "XXXX-XXXX-XXXX-XXXX". */
char     *hs_auth_new_code      (void);
/* Uppercases and drops separators, so typing variations hash the same;
 * NULL if a character is outside the code alphabet. */
char     *hs_auth_normalize_code (const char *code);
/* The device of a "Bearer" token, NULL (no error) if unknown or revoked. */
HsDevice *hs_auth_device        (PGconn      *db,
                                 const char  *authorization,
                                 GError     **error);

typedef struct _HsRateLimiter HsRateLimiter;
HsRateLimiter *hs_rate_limiter_new   (double rate,
                                      double burst);
void           hs_rate_limiter_free  (HsRateLimiter *self);
/* TRUE if the device may make a request now; otherwise "retry_after" is the
 * number of whole seconds until it may. */
gboolean       hs_rate_limiter_take  (HsRateLimiter *self,
                                      const char    *device_id,
                                      guint         *retry_after);
HsRateLimiter *hs_server_get_rate_limiter (HsServer *self);

/* ---- Enrolment (hs-enroll.c) ---- */

/* Creates a one-time enrolment code valid for "days" days.  A clerk code
 * names an office; a reviewer code a scope; an admin code neither. */
char     *hs_enroll_create_code (PGconn      *db,
                                 HsRole       role,
                                 const char  *office_or_scope,
                                 guint        days,
                                 GDateTime  **expires,
                                 GError     **error);
void      hs_handle_enroll      (HsRequest *req);

/* ---- Number blocks (hs-blocks.c) ---- */

/* Reserves "size" numbers for the device inside the caller's transaction,
 * above every block and every stored number of that key, and logs the
 * block for pull.  Returns {"kind","book_year","first","last"}. */
cJSON    *hs_blocks_allocate    (PGconn      *db,
                                 const char  *device_id,
                                 const char  *office,
                                 const char  *kind,
                                 gint64       book_year,
                                 guint        size,
                                 GError     **error);
void      hs_handle_number_blocks (HsRequest *req);

/* ---- Push, pull, records, statistics ---- */

void      hs_handle_push        (HsRequest *req);
void      hs_handle_pull        (HsRequest *req);
void      hs_handle_records     (HsRequest *req);
void      hs_handle_stats       (HsRequest *req);

/* Computes the statistics of a scope for a period (ht-stats.h), over the
 * records registered in it; used by the endpoint and by "hotich-server
 * stats".  Returns the JSON, and the CSV too when "csv" is not NULL. */
cJSON    *hs_stats_compute      (PGconn         *db,
                                 const HsScope  *scope,
                                 const GDate    *from,
                                 const GDate    *to,
                                 char          **csv,
                                 GError        **error);

/* ---- Helpers (hs-util.c) ---- */

gboolean  hs_is_uuid            (const char *text);
char     *hs_new_uuid           (void);
/* Parses a non-negative decimal integer argument. */
gboolean  hs_parse_uint         (const char *text,
                                 guint64     max,
                                 guint64    *out);
/* "2026-03-02T02:14:03Z" for now. */
char     *hs_timestamp_now      (void);
/* Vietnamese civil year today (HOTICH_TODAY honoured, see ht-date.h). */
int       hs_current_year       (void);
/* Appends an audit row inside the caller's transaction; "detail" codes only. */
gboolean  hs_audit              (PGconn      *db,
                                 const char  *action,
                                 const char  *device_id,
                                 const char  *change_id,
                                 const char  *record_id,
                                 const cJSON *detail,
                                 GError     **error);

G_END_DECLS
