/* ht-attention-view.h — what needs the clerk: sync problems, returned records, drafts.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_ATTENTION_VIEW (ht_attention_view_get_type ())
G_DECLARE_FINAL_TYPE (HtAttentionView, ht_attention_view, HT, ATTENTION_VIEW, AdwBin)

void ht_attention_view_set_session (HtAttentionView *self,
                                      HtSession *session);
/* Reads again what the register (and sync) say. */
void ht_attention_view_reload      (HtAttentionView *self);

G_END_DECLS
