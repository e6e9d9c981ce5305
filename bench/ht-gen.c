/* ht-gen.c — realistic records for benchmarks, demos and tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything random comes from one GRand seeded by the caller, drawn in a
 * fixed order, so a seed names one sequence of records.  The people are
 * built the way a commune's population looks: surnames with their national
 * frequencies (Nguyễn about 38 %), middle and given names that changed from
 * one generation to the next, a Kinh majority with the minorities a commune
 * office meets, and personal ID numbers with the structure of TT 59/2021.
 * Names, places and numbers are made unique where the register's rules
 * would otherwise take two generated people for one (see principal_add()).
 */
#define G_LOG_DOMAIN "ht-gen"

#include "ht-gen.h"

#include <stdlib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-kinds.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-units.h"

/* ---- Weighted tables ---- */

typedef struct
{
  const char *text;
  guint       weight;
} Weighted;

typedef struct
{
  const Weighted *items;
  guint           n;
  guint           total;
} Table;

#define TABLE(a) { a, G_N_ELEMENTS (a), 0 }

/* Surnames of the Kinh majority, per 10,000 people (the usual estimates:
 * Nguyễn 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 %, Hoàng/Huỳnh 5 %, …). */
static const Weighted kinh_surnames[] = {
  { "Nguyễn", 3800 }, { "Trần", 1100 }, { "Lê", 950 }, { "Phạm", 700 }, { "Hoàng", 340 },
  { "Huỳnh", 160 }, { "Phan", 450 }, { "Vũ", 250 }, { "Võ", 140 }, { "Đặng", 210 },
  { "Bùi", 200 }, { "Đỗ", 140 }, { "Hồ", 130 }, { "Ngô", 130 }, { "Dương", 100 },
  { "Lý", 50 }, { "Đinh", 80 }, { "Trương", 80 }, { "Đào", 60 }, { "Đoàn", 50 },
  { "Trịnh", 50 }, { "Lương", 45 }, { "Mai", 40 }, { "Cao", 40 }, { "Hà", 40 },
  { "Lưu", 30 }, { "Tạ", 30 }, { "Tô", 30 }, { "Lâm", 30 }, { "Châu", 20 },
  { "Chu", 20 }, { "Phùng", 20 }, { "Triệu", 20 }, { "Thái", 15 }, { "Quách", 12 },
  { "Kiều", 10 }, { "Vương", 10 }, { "Nghiêm", 8 }, { "Khúc", 6 }, { "Tăng", 6 },
  { "La", 6 }, { "Từ", 5 }, { "Hứa", 5 }, { "Diệp", 4 }, { "Lại", 12 },
  { "Tống", 8 }, { "Văn", 6 }, { "Ông", 4 }, { "Âu", 3 }, { "Giáp", 4 },
};
static const Weighted tay_surnames[] = {
  { "Hoàng", 30 }, { "Nông", 20 }, { "Lục", 8 }, { "Ma", 10 }, { "Hà", 10 }, { "Lăng", 5 },
  { "Đàm", 5 }, { "Nguyễn", 8 }, { "Lương", 6 }, { "Triệu", 5 }, { "Bế", 8 }, { "Lộc", 5 },
};
static const Weighted thai_surnames[] = {
  { "Lò", 25 }, { "Cầm", 15 }, { "Lường", 12 }, { "Quàng", 10 }, { "Vi", 8 }, { "Hà", 12 },
  { "Lang", 6 }, { "Tòng", 6 }, { "Lừ", 4 }, { "Điêu", 4 }, { "Sầm", 3 },
};
static const Weighted muong_surnames[] = {
  { "Bùi", 40 }, { "Đinh", 25 }, { "Quách", 10 }, { "Hà", 10 }, { "Xa", 5 }, { "Cao", 5 }, { "Trương", 5 },
};
static const Weighted khmer_surnames[] = {
  { "Thạch", 30 }, { "Sơn", 20 }, { "Danh", 20 }, { "Kim", 10 }, { "Lâm", 8 }, { "Lý", 6 },
  { "Châu", 6 }, { "Kiên", 4 }, { "Chau", 3 },
};
static const Weighted hoa_surnames[] = {
  { "Lý", 15 }, { "Trương", 15 }, { "Lâm", 15 }, { "Quách", 8 }, { "Hứa", 8 }, { "Diệp", 6 },
  { "Mã", 6 }, { "Tăng", 6 }, { "Lưu", 8 }, { "Hồng", 4 }, { "Trần", 8 }, { "Huỳnh", 6 },
};
static const Weighted nung_surnames[] = {
  { "Hoàng", 25 }, { "Nông", 20 }, { "Lương", 10 }, { "Lăng", 6 }, { "Vi", 8 }, { "Chu", 6 },
  { "Mã", 5 }, { "Lý", 6 }, { "Triệu", 5 }, { "Dương", 5 },
};
static const Weighted mong_surnames[] = {
  { "Giàng", 25 }, { "Sùng", 15 }, { "Vàng", 15 }, { "Thào", 12 }, { "Lý", 10 }, { "Hạng", 8 },
  { "Mùa", 6 }, { "Lầu", 5 }, { "Vừ", 5 }, { "Mua", 3 }, { "Hờ", 3 },
};
static const Weighted dao_surnames[] = {
  { "Triệu", 30 }, { "Bàn", 20 }, { "Đặng", 20 }, { "Lý", 10 }, { "Chảo", 8 }, { "Phùng", 6 }, { "Tẩn", 5 },
};

/* Ethnicity of a person met at a commune office, per 1,000 (census 2019
 * shares, with the small groups folded into the ones listed). */
static const Weighted ethnicities[] = {
  { "Kinh", 855 }, { "Tày", 19 }, { "Thái", 18 }, { "Mường", 15 }, { "Khmer", 14 },
  { "Hoa", 8 }, { "Nùng", 11 }, { "Mông", 15 }, { "Dao", 9 }, { "Gia Rai", 5 },
  { "Ê Đê", 4 }, { "Ba Na", 3 }, { "Sán Dìu", 2 }, { "Chăm", 2 },
};

/* Middle names, by sex and generation: Văn and Thị dominate the elderly
 * and fade among children born after 2010. */
static const Weighted middle_m_elder[] = {
  { "Văn", 70 }, { "Đức", 5 }, { "Hữu", 5 }, { "Đình", 5 }, { "Công", 4 }, { "Xuân", 3 },
  { "Quang", 3 }, { "Ngọc", 3 }, { "Minh", 2 }, { "Bá", 2 }, { "Tấn", 2 }, { "Thanh", 2 },
};
static const Weighted middle_m_adult[] = {
  { "Văn", 40 }, { "Minh", 8 }, { "Đức", 7 }, { "Hữu", 6 }, { "Quang", 5 }, { "Xuân", 4 },
  { "Thanh", 4 }, { "Công", 4 }, { "Đình", 4 }, { "Ngọc", 2 }, { "Tiến", 2 }, { "Mạnh", 2 },
  { "Trọng", 3 }, { "Quốc", 3 }, { "Hoàng", 2 }, { "Anh", 2 }, { "Tuấn", 2 }, { "Duy", 2 },
  { "Việt", 2 }, { "Thành", 2 }, { "Tấn", 2 }, { "Hải", 2 },
};
static const Weighted middle_m_child[] = {
  { "Văn", 10 }, { "Minh", 16 }, { "Gia", 12 }, { "Đức", 8 }, { "Quang", 6 }, { "Bảo", 9 },
  { "Hoàng", 6 }, { "Anh", 6 }, { "Tuấn", 3 }, { "Hữu", 4 }, { "Đăng", 5 }, { "Nhật", 5 },
  { "Thành", 3 }, { "Quốc", 4 }, { "Khánh", 3 }, { "Trung", 2 }, { "Phúc", 3 }, { "Xuân", 2 },
  { "Thiện", 2 }, { "Hải", 2 }, { "Công", 2 }, { "Thanh", 3 }, { "An", 2 },
};
static const Weighted middle_f_elder[] = {
  { "Thị", 85 }, { "Ngọc", 3 }, { "Kim", 3 }, { "Thanh", 2 }, { "Thu", 2 }, { "Xuân", 2 },
  { "Hồng", 2 }, { "Bích", 1 },
};
static const Weighted middle_f_adult[] = {
  { "Thị", 55 }, { "Ngọc", 6 }, { "Thanh", 5 }, { "Thu", 5 }, { "Minh", 3 }, { "Phương", 3 },
  { "Hồng", 3 }, { "Kim", 3 }, { "Thúy", 2 }, { "Mai", 2 }, { "Hải", 1 }, { "Bích", 2 },
  { "Hoài", 2 }, { "Diệu", 1 }, { "Khánh", 2 }, { "Hà", 2 }, { "Quỳnh", 1 }, { "Lan", 1 },
  { "Thùy", 2 }, { "Mỹ", 2 },
};
static const Weighted middle_f_child[] = {
  { "Thị", 12 }, { "Ngọc", 10 }, { "Bảo", 10 }, { "Khánh", 8 }, { "Minh", 8 }, { "Gia", 6 },
  { "Phương", 5 }, { "An", 4 }, { "Thanh", 4 }, { "Tuệ", 4 }, { "Thảo", 4 }, { "Diệu", 3 },
  { "Hà", 3 }, { "Mai", 3 }, { "Hoài", 2 }, { "Quỳnh", 3 }, { "Thu", 3 }, { "Tường", 2 },
  { "Kim", 2 }, { "Ánh", 2 }, { "Thùy", 3 }, { "Bích", 1 }, { "Như", 2 },
};

/* Given names, by sex and generation. */
static const Weighted given_m_elder[] = {
  { "Hùng", 6 }, { "Dũng", 5 }, { "Sơn", 5 }, { "Hải", 5 }, { "Thắng", 5 }, { "Bình", 5 },
  { "Hòa", 5 }, { "Tư", 4 }, { "Năm", 4 }, { "Sáu", 3 }, { "Bảy", 3 }, { "Lợi", 3 },
  { "Phát", 2 }, { "Thịnh", 3 }, { "Xuân", 3 }, { "Tấn", 2 }, { "Đông", 3 }, { "Hưng", 4 },
  { "Thành", 5 }, { "Minh", 4 }, { "Quang", 3 }, { "Tâm", 3 }, { "Chiến", 3 }, { "Lực", 2 },
  { "Thuận", 3 }, { "Khải", 2 }, { "Mạnh", 3 }, { "Nghĩa", 3 }, { "Phúc", 3 }, { "Quý", 3 },
  { "Tiến", 3 }, { "Toàn", 2 }, { "Trung", 3 }, { "Vinh", 3 }, { "Ký", 1 }, { "Cường", 3 },
};
static const Weighted given_m_adult[] = {
  { "Hùng", 6 }, { "Dũng", 6 }, { "Tuấn", 7 }, { "Cường", 5 }, { "Thắng", 4 }, { "Hải", 5 },
  { "Sơn", 4 }, { "Long", 5 }, { "Nam", 5 }, { "Minh", 6 }, { "Tùng", 4 }, { "Đức", 4 },
  { "Thành", 5 }, { "Trung", 4 }, { "Hoàng", 4 }, { "Quang", 4 }, { "Tâm", 3 }, { "Bình", 3 },
  { "Hưng", 3 }, { "Toàn", 3 }, { "Việt", 3 }, { "Hiếu", 4 }, { "Phong", 3 }, { "Tú", 3 },
  { "Lâm", 2 }, { "Khánh", 3 }, { "Kiên", 3 }, { "Tài", 2 }, { "Phúc", 3 }, { "Quân", 3 },
  { "An", 2 }, { "Huy", 5 }, { "Duy", 4 }, { "Đạt", 4 }, { "Thịnh", 2 }, { "Vinh", 2 },
  { "Trí", 2 }, { "Nghĩa", 2 }, { "Lộc", 2 }, { "Thái", 2 }, { "Vũ", 2 }, { "Khoa", 2 },
};
static const Weighted given_m_child[] = {
  { "An", 6 }, { "Bảo", 4 }, { "Khang", 6 }, { "Khôi", 5 }, { "Minh", 6 }, { "Nam", 4 },
  { "Khoa", 4 }, { "Lâm", 4 }, { "Huy", 4 }, { "Đăng", 3 }, { "Quân", 5 }, { "Phong", 3 },
  { "Phúc", 5 }, { "Duy", 3 }, { "Kiên", 3 }, { "Long", 3 }, { "Nhân", 3 }, { "Phát", 3 },
  { "Tín", 2 }, { "Thiện", 2 }, { "Vũ", 3 }, { "Hiếu", 2 }, { "Đức", 3 }, { "Hưng", 2 },
  { "Khải", 2 }, { "Lộc", 2 }, { "Nguyên", 3 }, { "Sơn", 2 }, { "Tùng", 2 }, { "Việt", 2 },
  { "Dũng", 2 }, { "Hùng", 1 }, { "Cường", 1 }, { "Tuấn", 2 }, { "Hải", 2 }, { "Thành", 2 },
};
static const Weighted given_f_elder[] = {
  { "Lài", 3 }, { "Nở", 3 }, { "Tý", 2 }, { "Mận", 3 }, { "Đào", 3 }, { "Sen", 3 },
  { "Cúc", 4 }, { "Lựu", 2 }, { "Hoa", 5 }, { "Nguyệt", 3 }, { "Bảy", 2 }, { "Tám", 2 },
  { "Gái", 2 }, { "Xuân", 4 }, { "Nhàn", 3 }, { "Hương", 4 }, { "Lan", 5 }, { "Hồng", 4 },
  { "Liên", 4 }, { "Mai", 4 }, { "Thu", 4 }, { "Vân", 3 }, { "Tuyết", 3 }, { "Minh", 2 },
  { "Thanh", 3 }, { "Hạnh", 3 }, { "Loan", 3 }, { "Bích", 3 }, { "Dung", 3 }, { "Thoa", 2 },
};
static const Weighted given_f_adult[] = {
  { "Hương", 7 }, { "Lan", 5 }, { "Linh", 6 }, { "Mai", 5 }, { "Hà", 5 }, { "Hằng", 5 },
  { "Hoa", 4 }, { "Thảo", 5 }, { "Trang", 6 }, { "Thu", 4 }, { "Nga", 4 }, { "Nhung", 4 },
  { "Huyền", 5 }, { "Yến", 4 }, { "Phương", 5 }, { "Dung", 3 }, { "Loan", 3 }, { "Hạnh", 3 },
  { "Hiền", 4 }, { "Hồng", 3 }, { "Thủy", 4 }, { "Tuyết", 2 }, { "Vân", 3 }, { "Ngọc", 3 },
  { "Oanh", 2 }, { "Liên", 2 }, { "Thúy", 3 }, { "Chi", 3 }, { "Giang", 3 }, { "Quyên", 2 },
  { "Trinh", 2 }, { "Anh", 4 }, { "Ly", 3 }, { "Nhàn", 2 }, { "Nguyệt", 2 }, { "Xuân", 2 },
  { "Bích", 2 }, { "Diệp", 1 }, { "Duyên", 3 }, { "Ngân", 3 }, { "Vy", 2 }, { "Uyên", 2 },
};
static const Weighted given_f_child[] = {
  { "An", 6 }, { "Vy", 5 }, { "Ngân", 4 }, { "Như", 3 }, { "Nhi", 5 }, { "Thư", 4 },
  { "Anh", 6 }, { "Châu", 3 }, { "Linh", 5 }, { "My", 4 }, { "Trâm", 3 }, { "Hân", 4 },
  { "Khuê", 2 }, { "Diệp", 2 }, { "Chi", 4 }, { "Ngọc", 3 }, { "Thảo", 3 }, { "Trang", 3 },
  { "Mai", 3 }, { "Lan", 2 }, { "Hương", 2 }, { "Uyên", 3 }, { "Yến", 2 }, { "Quỳnh", 3 },
  { "Phương", 2 }, { "Hà", 2 }, { "Nhiên", 2 }, { "Tâm", 2 }, { "Tú", 1 }, { "Thy", 2 },
};

/* Names given in Mông and Khmer families, used beside the Kinh ones. */
static const Weighted given_m_mong[] = {
  { "Páo", 5 }, { "Sử", 4 }, { "Chứ", 4 }, { "Dình", 3 }, { "Sính", 3 }, { "Lử", 3 },
  { "Tủa", 3 }, { "Chá", 3 }, { "Pó", 2 }, { "Vừ", 2 }, { "Súa", 2 }, { "Tòng", 2 },
};
static const Weighted given_f_mong[] = {
  { "Mỷ", 5 }, { "Dở", 3 }, { "Chở", 3 }, { "Mai", 3 }, { "Súa", 3 }, { "Pà", 3 },
  { "Dua", 2 }, { "Mò", 2 }, { "Sí", 2 }, { "Và", 2 }, { "Xúa", 2 },
};
static const Weighted given_khmer[] = {
  { "Sa Rết", 3 }, { "Sô Phanh", 3 }, { "Sóc", 3 }, { "Ri", 2 }, { "Thol", 2 }, { "Sa Vết", 2 },
  { "Ra", 2 }, { "Sa Rươne", 2 }, { "Kim Sang", 2 }, { "Sô Khum", 2 }, { "Chanh Đa", 2 },
};

static const Weighted causes_elder[] = {
  { "Bệnh già", 25 }, { "Tai biến mạch máu não", 14 }, { "Nhồi máu cơ tim", 8 }, { "Suy tim", 8 },
  { "Ung thư phổi", 5 }, { "Ung thư gan", 5 }, { "Viêm phổi", 6 }, { "Suy thận mạn", 4 },
  { "Đái tháo đường", 4 }, { "Bệnh phổi tắc nghẽn mạn tính", 5 }, { "Ung thư dạ dày", 3 },
  { "Tăng huyết áp", 4 }, { "Xơ gan", 2 },
};
static const Weighted causes_adult[] = {
  { "Ung thư gan", 6 }, { "Tai biến mạch máu não", 6 }, { "Nhồi máu cơ tim", 5 }, { "Ung thư phổi", 4 },
  { "Xơ gan", 3 }, { "Suy thận mạn", 2 }, { "Viêm phổi", 2 }, { "Đột quỵ", 4 }, { "Ung thư vú", 2 },
};
static const Weighted causes_child[] = {
  { "Sinh non, nhẹ cân", 6 }, { "Viêm phổi", 5 }, { "Dị tật tim bẩm sinh", 4 }, { "Nhiễm trùng huyết", 3 },
  { "Sốt xuất huyết", 2 }, { "Suy hô hấp", 3 },
};

static const Weighted village_words[] = {
  { "Đông", 3 }, { "Tây", 3 }, { "Nam", 3 }, { "Bắc", 3 }, { "Trung", 4 }, { "Thượng", 2 },
  { "Hạ", 2 }, { "Đoài", 2 }, { "Mới", 2 }, { "An Lạc", 1 }, { "Phú Mỹ", 1 }, { "Tân Hòa", 1 },
  { "Bình An", 1 }, { "Hòa Bình", 1 }, { "Đồng Tâm", 1 }, { "Tiền Phong", 1 }, { "Thắng Lợi", 1 },
};
static const Weighted ban_words[] = {
  { "Nà Hang", 1 }, { "Pá Khoang", 1 }, { "Nậm Cang", 1 }, { "Phiêng Luông", 1 }, { "Co Mạ", 1 },
  { "Huổi Một", 1 }, { "Lùng Phìn", 1 }, { "Sán Chải", 1 }, { "Na Sang", 1 }, { "Bó Mạ", 1 },
};

static Table t_kinh_surnames = TABLE (kinh_surnames);
static Table t_tay_surnames = TABLE (tay_surnames);
static Table t_thai_surnames = TABLE (thai_surnames);
static Table t_muong_surnames = TABLE (muong_surnames);
static Table t_khmer_surnames = TABLE (khmer_surnames);
static Table t_hoa_surnames = TABLE (hoa_surnames);
static Table t_nung_surnames = TABLE (nung_surnames);
static Table t_mong_surnames = TABLE (mong_surnames);
static Table t_dao_surnames = TABLE (dao_surnames);
static Table t_ethnicities = TABLE (ethnicities);
static Table t_middle[2][3] = {
  { TABLE (middle_m_elder), TABLE (middle_m_adult), TABLE (middle_m_child) },
  { TABLE (middle_f_elder), TABLE (middle_f_adult), TABLE (middle_f_child) },
};
static Table t_given[2][3] = {
  { TABLE (given_m_elder), TABLE (given_m_adult), TABLE (given_m_child) },
  { TABLE (given_f_elder), TABLE (given_f_adult), TABLE (given_f_child) },
};
static Table t_given_mong[2] = { TABLE (given_m_mong), TABLE (given_f_mong) };
static Table t_given_khmer = TABLE (given_khmer);
static Table t_causes_elder = TABLE (causes_elder);
static Table t_causes_adult = TABLE (causes_adult);
static Table t_causes_child = TABLE (causes_child);
static Table t_village_words = TABLE (village_words);
static Table t_ban_words = TABLE (ban_words);

static Table *const all_tables[] = {
  &t_kinh_surnames, &t_tay_surnames, &t_thai_surnames, &t_muong_surnames, &t_khmer_surnames,
  &t_hoa_surnames, &t_nung_surnames, &t_mong_surnames, &t_dao_surnames, &t_ethnicities,
  &t_middle[0][0], &t_middle[0][1], &t_middle[0][2], &t_middle[1][0], &t_middle[1][1], &t_middle[1][2],
  &t_given[0][0], &t_given[0][1], &t_given[0][2], &t_given[1][0], &t_given[1][1], &t_given[1][2],
  &t_given_mong[0], &t_given_mong[1], &t_given_khmer, &t_causes_elder, &t_causes_adult,
  &t_causes_child, &t_village_words, &t_ban_words,
};

/* The totals are summed once, before any generator draws from them, so
 * that several generators may run in parallel threads. */
static void
tables_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
        {
          all_tables[i]->total = 0;
          for (guint j = 0; j < all_tables[i]->n; j++)
            all_tables[i]->total += all_tables[i]->items[j].weight;
        }
      g_once_init_leave (&done, 1);
    }
}

/* ---- The generator ---- */

/* What the generator knows of the office in one units dataset. */
typedef struct
{
  HtUnitsDataset ds;
  gboolean      valid;
  const HtUnit *commune;
  const HtUnit *district;          /* 3-level dataset only */
  const HtUnit *province;
  GPtrArray    *province_communes; /* of the office's province */
  GPtrArray    *communes;          /* of the whole country */
} Places;

/* One term of the office's leadership and staff. */
typedef struct
{
  char *chair;
  char *vice_chair;
  char *clerks[2];
} Staff;

typedef enum {
  GEN_BIRTH,
  GEN_MARRIAGE,
  GEN_DEATH,
  GEN_MARITAL_STATUS,
  GEN_N_KINDS
} GenKind;

static const char *const kind_codes[GEN_N_KINDS] = { "birth", "marriage", "death", "marital_status" };
/* The shares of a commune's books, per 100. */
static const guint kind_shares[GEN_N_KINDS] = { 55, 20, 15, 10 };

struct _HtGen
{
  GRand     *rand;
  char      *office;
  GDate      from;
  GDate      to;
  guint      span;      /* days from "from" to "to" */
  guint64    count;
  guint64    made;
  gboolean   numbered;
  guint      available; /* HtGenKinds the registry can take */
  guint      kinds;     /* HtGenKinds in use */

  Places     places[HT_UNITS_N_DATASETS];
  char      *ppp;       /* PIN province code of the office's (pre-2025) province */
  GPtrArray *ppps;      /* every PIN province code, for people from elsewhere */
  Staff      staff[2];  /* before and after the 2025 reform */

  GHashTable *numbers;    /* "kind/year" → last number */
  GHashTable *pin_serials; /* "PPPCYY" → PINs issued; "cmnd" → CMNDs */
  guint32     pin_offset;
  GHashTable *principals; /* "folded name|date of birth" of every principal */
  GString    *buf;
};

static int
rand_int (HtGen *self,
          int    lo,
          int    hi)
{
  return g_rand_int_range (self->rand, lo, hi + 1);
}

static gboolean
chance (HtGen  *self,
        double  p)
{
  return g_rand_double (self->rand) < p;
}

static const char *
pick (HtGen *self,
      Table *t)
{
  guint32 x = g_rand_int_range (self->rand, 0, (gint32) t->total);

  for (guint i = 0; i < t->n; i++)
    {
      if (x < t->items[i].weight)
        return t->items[i].text;
      x -= t->items[i].weight;
    }
  return t->items[t->n - 1].text;
}

static gpointer
pick_ptr (HtGen     *self,
          GPtrArray *array)
{
  return g_ptr_array_index (array, g_rand_int_range (self->rand, 0, (gint32) array->len));
}

/* ---- Dates ---- */

static void
date_add (GDate *date,
          int    days)
{
  if (days > 0)
    g_date_add_days (date, (guint) days);
  else if (days < 0)
    g_date_subtract_days (date, (guint) -days);
}

static char *
date_text (const GDate *date)
{
  return ht_date_format (date);
}

static void
add_date (cJSON       *obj,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = date_text (date);
  cJSON_AddStringToObject (obj, name, text);
}

/* A birthday "years" full years (and a random part of one more) before
 * "on", so the person is exactly "years" old that day. */
static void
birthday_for_age (HtGen       *self,
                  const GDate *on,
                  int          years,
                  GDate       *out)
{
  GDate latest = *on;

  g_date_subtract_years (&latest, (guint) years);
  *out = latest;
  date_add (out, -rand_int (self, 0, 364));
  /* 29 February and the day count of leap years can add a year; step
   * back until the age is right. */
  while (ht_date_full_years (out, on) > years)
    date_add (out, -1);
  while (ht_date_full_years (out, on) < years)
    date_add (out, 1);
}

/* A day between "lo" and "hi" (both included), or "hi" when lo > hi. */
static void
date_between (HtGen       *self,
              const GDate *lo,
              const GDate *hi,
              GDate       *out)
{
  int days = g_date_days_between (lo, hi);

  *out = *hi;
  if (days > 0)
    {
      *out = *lo;
      date_add (out, rand_int (self, 0, days));
    }
}

/* ---- Places ---- */

/* "Phường" of "Phường Ba Đình": the full name less the name. */
static char *
unit_type (const HtUnit *unit)
{
  gsize full = strlen (unit->full_name);
  gsize name = strlen (unit->name);

  if (full > name + 1 && g_str_has_suffix (unit->full_name, unit->name))
    return g_strndup (unit->full_name, full - name - 1);
  return g_strdup ("");
}

/* "phường Ba Đình": the unit as it reads inside a sentence. */
static char *
unit_in_sentence (const HtUnit *unit)
{
  g_autofree char *type = unit_type (unit);
  g_autofree char *lower = g_utf8_strdown (type, -1);

  if (*lower == '\0')
    return g_strdup (unit->name);
  return g_strconcat (lower, " ", unit->name, NULL);
}

/* The units in force on "day".  Registrations start once the office
 * exists (see ht_gen_new()), but a birth or a marriage before that day is
 * placed in the commune as it is now: its earlier name is not known. */
static Places *
places_on (HtGen       *self,
           const GDate *day)
{
  HtUnitsDataset ds = ht_units_dataset_on (day);

  if (self->places[ds].valid)
    return &self->places[ds];
  return &self->places[HT_UNITS_N_DATASETS - 1];
}

/* "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội" in the 3-level units,
 * "Phường Ba Đình, Thành phố Hà Nội" after the reform. */
static void
append_admin_place (HtGen        *self,
                    GString      *out,
                    HtUnitsDataset ds,
                    const HtUnit *commune)
{
  const HtUnit *province = ht_units_lookup (ds, HT_UNIT_PROVINCE, commune->province);

  g_string_append (out, commune->full_name);
  if (commune->district != NULL)
    {
      const HtUnit *district = ht_units_lookup (ds, HT_UNIT_DISTRICT, commune->district);
      if (district != NULL)
        g_string_append_printf (out, ", %s", district->full_name);
    }
  if (province != NULL)
    g_string_append_printf (out, ", %s", province->full_name);
}

/* The part of an address below the commune: a house in a town ward, a
 * village elsewhere, named the way the region names them.  Every draw is
 * its own statement: the order in which C evaluates the arguments of one
 * call is unspecified, and the sequence must not depend on the compiler. */
static void
append_street_address (HtGen        *self,
                       GString      *out,
                       const HtUnit *commune,
                       const char   *ethnicity)
{
  g_autofree char *type = unit_type (commune);
  int province = atoi (commune->province);

  if (g_str_equal (type, "Phường") || g_str_equal (type, "Thị trấn"))
    {
      if (chance (self, 0.6))
        {
          int house = rand_int (self, 1, 180);
          int lane = rand_int (self, 1, 250);
          int group = rand_int (self, 1, 40);
          g_string_append_printf (out, "Số %d ngõ %d, tổ dân phố %d", house, lane, group);
        }
      else
        {
          int house = rand_int (self, 1, 320);
          int group = rand_int (self, 1, 60);
          g_string_append_printf (out, "Số %d, tổ %d", house, group);
        }
    }
  else if (province >= 2 && province <= 20 && ethnicity != NULL && !g_str_equal (ethnicity, "Kinh") &&
           chance (self, 0.7))
    g_string_append_printf (out, "Bản %s", pick (self, &t_ban_words));
  else if (province >= 70)
    {
      if (chance (self, 0.5))
        g_string_append_printf (out, "Ấp %d", rand_int (self, 1, 12));
      else
        g_string_append_printf (out, "Ấp %s", pick (self, &t_village_words));
    }
  else
    {
      gboolean numbered = chance (self, 0.5);
      const char *word = chance (self, 0.7) ? "Thôn" : "Xóm";

      if (numbered)
        g_string_append_printf (out, "%s %d", word, rand_int (self, 1, 15));
      else
        g_string_append_printf (out, "%s %s", word, pick (self, &t_village_words));
    }
}

/* Where someone lives: the office's commune ("local"), another commune of
 * its province, or anywhere in the country. */
typedef enum {
  WHERE_LOCAL,
  WHERE_PROVINCE,
  WHERE_COUNTRY,
} Where;

static const HtUnit *
commune_for (HtGen       *self,
             const GDate *day,
             Where        where)
{
  Places *p = places_on (self, day);

  switch (where)
    {
    case WHERE_PROVINCE:
      return pick_ptr (self, p->province_communes);
    case WHERE_COUNTRY:
      return pick_ptr (self, p->communes);
    case WHERE_LOCAL:
    default:
      return p->commune;
    }
}

static Where
pick_where (HtGen  *self,
            double  local,
            double  province)
{
  double x = g_rand_double (self->rand);

  if (x < local)
    return WHERE_LOCAL;
  if (x < local + province)
    return WHERE_PROVINCE;
  return WHERE_COUNTRY;
}

static char *
residence_text (HtGen        *self,
                const GDate  *day,
                const HtUnit *commune,
                const char   *ethnicity)
{
  HtUnitsDataset ds = places_on (self, day)->ds;

  g_string_truncate (self->buf, 0);
  append_street_address (self, self->buf, commune, ethnicity);
  g_string_append (self->buf, ", ");
  append_admin_place (self, self->buf, ds, commune);
  return g_strdup (self->buf->str);
}

static char *
commune_text (HtGen        *self,
              const GDate  *day,
              const HtUnit *commune)
{
  g_string_truncate (self->buf, 0);
  append_admin_place (self, self->buf, places_on (self, day)->ds, commune);
  return g_strdup (self->buf->str);
}

/* "Tỉnh Nghệ An" → "tỉnh Nghệ An". */
static char *
province_in_sentence (const HtUnit *province)
{
  return unit_in_sentence (province);
}

/* A health facility near the office: the commune health station, the
 * district (or, after the reform, area) health centre, or a provincial
 * hospital.  Returns the name alone; "where" gets the place it is in. */
static char *
health_facility (HtGen       *self,
                 const GDate *day,
                 gboolean     births,
                 char       **where)
{
  Places *p = places_on (self, day);
  Places *old = &self->places[HT_UNITS_2025_03_01];
  g_autofree char *province = province_in_sentence (p->province);
  g_autofree char *commune = unit_in_sentence (p->commune);
  double x = g_rand_double (self->rand);
  char *name;

  if (x < 0.35)
    {
      name = g_strdup_printf ("Trạm y tế %s", commune);
      *where = commune_text (self, day, p->commune);
      return name;
    }
  if (x < 0.55 && old->valid && old->district != NULL)
    {
      g_autofree char *district = unit_in_sentence (old->district);
      if (p == old)
        name = g_strdup_printf ("Trung tâm Y tế %s", district);
      else
        name = g_strdup_printf ("Trung tâm Y tế khu vực %s", old->district->name);
    }
  else if (births && x < 0.8)
    name = g_strdup_printf ("Bệnh viện Sản Nhi %s", p->province->name);
  else
    name = g_strdup_printf ("Bệnh viện Đa khoa %s", province);
  *where = g_strdup (p->province->full_name);
  return name;
}

/* "Trạm y tế phường Ba Đình, Phường Ba Đình, Thành phố Hà Nội" says the
 * place twice; a facility named after its province is enough alone, the
 * others get the administrative place they are in (TT04 34†). */
static char *
facility_place_text (const char *facility,
                     const char *where)
{
  g_autofree char *last = NULL;
  const char *comma = strrchr (where, ',');
  const char *province = comma ? comma + 2 : where;
  const char *space = strchr (province, ' ');

  /* "Thành phố Hà Nội" → "Hà Nội"; "Tỉnh Nghệ An" → "Nghệ An". */
  if (g_str_has_prefix (province, "Thành phố "))
    last = g_strdup (province + strlen ("Thành phố "));
  else
    last = g_strdup (space ? space + 1 : province);
  if (g_str_has_prefix (facility, "Bệnh viện") && g_str_has_suffix (facility, last))
    return g_strdup (facility);
  return g_strdup_printf ("%s, %s", facility, where);
}

/* ---- People ---- */

typedef enum {
  ERA_ELDER, /* born before 1965 */
  ERA_ADULT,
  ERA_CHILD, /* born from 2008 */
} Era;

static Era
era_of (int year)
{
  if (year < 1965)
    return ERA_ELDER;
  if (year < 2008)
    return ERA_ADULT;
  return ERA_CHILD;
}

static Table *
surnames_of (const char *ethnicity)
{
  static const struct { const char *ethnicity; Table *table; } map[] = {
    { "Tày", &t_tay_surnames }, { "Thái", &t_thai_surnames }, { "Mường", &t_muong_surnames },
    { "Khmer", &t_khmer_surnames }, { "Hoa", &t_hoa_surnames }, { "Nùng", &t_nung_surnames },
    { "Mông", &t_mong_surnames }, { "Dao", &t_dao_surnames },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i].ethnicity, ethnicity))
      return map[i].table;
  return &t_kinh_surnames;
}

static const char *
pick_surname (HtGen      *self,
              const char *ethnicity)
{
  return pick (self, surnames_of (ethnicity));
}

/* Middle and given names for a person of this sex, ethnicity and year of
 * birth; "second" (a mother's surname, say) is sometimes put before the
 * middle name, as many parents now do. */
static char *
make_name (HtGen      *self,
           const char *surname,
           gboolean    female,
           const char *ethnicity,
           int         year,
           const char *second)
{
  Era era = era_of (year);
  const char *middle;
  const char *given;

  if (g_str_equal (ethnicity, "Mông") && chance (self, 0.75))
    return g_strdup_printf ("%s %s %s", surname, female ? "Thị" : "A", pick (self, &t_given_mong[female]));
  if (g_str_equal (ethnicity, "Khmer") && chance (self, 0.5))
    return g_strdup_printf ("%s %s", surname, pick (self, &t_given_khmer));

  middle = pick (self, &t_middle[female][era]);
  given = pick (self, &t_given[female][era]);
  /* A given name equal to the middle one ("Minh Minh") is not given. */
  while (g_str_equal (given, middle))
    given = pick (self, &t_given[female][era]);
  if (second != NULL && era == ERA_CHILD && !g_str_equal (second, surname) && chance (self, 0.1))
    return g_strdup_printf ("%s %s %s %s", surname, second, middle, given);
  return g_strdup_printf ("%s %s %s", surname, middle, given);
}

static const char *
sex_text (gboolean female)
{
  return female ? "female" : "male";
}

/* Spreads the bits of a string hash, whose low digits barely change
 * between keys that differ in one character (the "lowbias32" mixer). */
static guint32
mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

/* A personal ID number never handed out before by this generator: the
 * serial is a bijection of a counter per (province, century-sex, year), so
 * two generated people never share one, whatever the seed. */
static char *
make_pin (HtGen      *self,
          const char *ppp,
          gboolean    female,
          int         year)
{
  char key[8];
  guint n;

  g_snprintf (key, sizeof key, "%s%d%02d", ppp, ht_pin_century_digit (sex_text (female), year), year % 100);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pin_serials, key)) + 1;
  g_hash_table_insert (self->pin_serials, g_strdup (key), GUINT_TO_POINTER (n));
  /* 3^18 is prime to 10^6, so n ↦ n·3^18 mod 10^6 is one to one; the
   * offset per key keeps the first people of each year from sharing their
   * last six digits. */
  return ht_pin_build (ppp, sex_text (female), year,
                       (guint32) ((self->pin_offset + (guint64) mix (g_str_hash (key)) + (guint64) n * 387420489u)
                                  % 1000000u));
}

/* A 9-digit CMND number, the office's province code and a serial that no
 * other generated card has: the register takes two people with one card
 * number for one person. */
static char *
make_cmnd (HtGen *self)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pin_serials, "cmnd")) + 1;

  g_hash_table_insert (self->pin_serials, g_strdup ("cmnd"), GUINT_TO_POINTER (n));
  return g_strdup_printf ("%s%06u", self->ppp,
                          (guint) ((self->pin_offset + (guint64) n * 387420489u) % 1000000u));
}

/* The PIN province of someone living "where": the office's province for
 * its own people, any province (before 2025) for those who moved in. */
static const char *
ppp_for (HtGen  *self,
         Where   where)
{
  if (where == WHERE_LOCAL || where == WHERE_PROVINCE)
    return self->ppp;
  return pick_ptr (self, self->ppps);
}

/* The ID card of someone born on "dob" (or in "year" if dob is NULL),
 * shown on "on": a chip CCCD (from 2021), a Thẻ căn cước (from 1 July
 * 2024), or for old people sometimes the 9-digit CMND. */
static cJSON *
id_document (HtGen       *self,
             const char  *pin,
             const GDate *dob,
             int          year,
             const GDate *on)
{
  cJSON *doc = cJSON_CreateObject ();
  GDate first, last, issued, can_cuoc;

  if (dob != NULL)
    first = *dob;
  else
    g_date_set_dmy (&first, 1, G_DATE_JULY, (GDateYear) year);
  g_date_add_years (&first, 14);
  g_date_set_dmy (&issued, 1, G_DATE_JANUARY, 2021);
  if (g_date_compare (&first, &issued) < 0)
    first = issued;
  last = *on;
  date_add (&last, -1);
  g_date_set_dmy (&can_cuoc, 1, G_DATE_JULY, 2024);

  if (g_date_compare (&first, &last) > 0 || chance (self, 0.25))
    {
      cJSON_AddStringToObject (doc, "type", "cccd");
      cJSON_AddStringToObject (doc, "number", pin);
      return doc;
    }
  date_between (self, &first, &last, &issued);
  if (g_date_compare (&issued, &can_cuoc) >= 0)
    {
      cJSON_AddStringToObject (doc, "type", "can_cuoc");
      cJSON_AddStringToObject (doc, "number", pin);
      cJSON_AddStringToObject (doc, "issuer", "Bộ Công an");
    }
  else
    {
      cJSON_AddStringToObject (doc, "type", "cccd");
      cJSON_AddStringToObject (doc, "number", pin);
      cJSON_AddStringToObject (doc, "issuer", "Cục Cảnh sát quản lý hành chính về trật tự xã hội");
    }
  add_date (doc, "issued_on", &issued);
  return doc;
}

/* The register finds a person by PIN, ID document, or folded name with
 * date of birth; two generated people with one name and birthday would be
 * taken for one (already married, already dead), so the principals of
 * marriages, deaths and certificates are kept distinct on that key. */
static gboolean
principal_add (HtGen       *self,
               const char  *name,
               const GDate *dob)
{
  g_autofree char *folded = ht_fold (name);
  g_autofree char *day = date_text (dob);
  char *key = g_strconcat (folded, "|", day, NULL);

  if (g_hash_table_contains (self->principals, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_add (self->principals, key);
  return TRUE;
}

/* A name for a principal born on "dob", new on the (name, dob) key.  A
 * small group's names run out on a busy day (a Khmer surname has a dozen
 * given names beside it), so after a few tries the birthday moves a day
 * earlier, or later at the 1920 floor of generated birth years. */
static char *
principal_name (HtGen      *self,
                const char *surname,
                gboolean    female,
                const char *ethnicity,
                const char *second,
                GDate      *dob)
{
  int step = -1;

  for (guint tries = 1;; tries++)
    {
      char *name = make_name (self, surname, female, ethnicity, g_date_get_year (dob), second);
      GDate next;

      if (principal_add (self, name, dob))
        return name;
      g_free (name);
      if (tries % 8 != 0)
        continue;
      next = *dob;
      date_add (&next, step);
      if (g_date_get_year (&next) < 1920)
        {
          step = 1;
          next = *dob;
          date_add (&next, step);
        }
      *dob = next;
    }
}

static const char *
other_ethnicity (HtGen      *self,
                 const char *ethnicity,
                 double      same)
{
  return chance (self, same) ? ethnicity : pick (self, &t_ethnicities);
}

/* ---- Envelope ---- */

static const Staff *
staff_on (HtGen       *self,
          const GDate *day)
{
  GDate reform;

  g_date_set_dmy (&reform, 1, G_DATE_JULY, 2025);
  return &self->staff[g_date_compare (day, &reform) >= 0];
}

static cJSON *
envelope (HtGen       *self,
          GenKind      kind,
          const GDate *registered_on,
          const char  *registration_type)
{
  cJSON *r = cJSON_CreateObject ();
  const Staff *staff = staff_on (self, registered_on);
  Places *p = places_on (self, registered_on);
  g_autofree char *type = unit_type (p->commune);
  g_autofree char *type_lower = g_utf8_strdown (type, -1);
  gboolean chair = chance (self, 0.6);
  cJSON *signer;

  cJSON_AddStringToObject (r, "kind", kind_codes[kind]);
  cJSON_AddStringToObject (r, "office", self->office);
  if (self->numbered)
    {
      GDateYear year = g_date_get_year (registered_on);
      g_autofree char *key = g_strdup_printf ("%s/%u", kind_codes[kind], year);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->numbers, key)) + 1;

      g_hash_table_insert (self->numbers, g_steal_pointer (&key), GUINT_TO_POINTER (n));
      cJSON_AddNumberToObject (r, "book_year", year);
      cJSON_AddNumberToObject (r, "number", n);
    }
  add_date (r, "registered_on", registered_on);
  cJSON_AddStringToObject (r, "status", "registered");
  cJSON_AddStringToObject (r, "registration_type", registration_type);
  signer = cJSON_AddObjectToObject (r, "signer");
  cJSON_AddStringToObject (signer, "full_name", chair ? staff->chair : staff->vice_chair);
  {
    /* The position names the kind of unit the office is ("UBND phường" for
     * a ward, "UBND xã" for a rural commune). */
    g_autofree char *position = g_strdup_printf ("%s UBND %s", chair ? "Chủ tịch" : "Phó Chủ tịch",
                                                 *type_lower ? type_lower : "xã");
    cJSON_AddStringToObject (signer, "position", position);
  }
  cJSON_AddStringToObject (r, "clerk", staff->clerks[chance (self, 0.3)]);
  return r;
}

/* A paper {title, number, issuer, issued_on}. */
static cJSON *
paper (const char  *title,
       const char  *number,
       const char  *issuer,
       const GDate *issued_on)
{
  cJSON *p = cJSON_CreateObject ();

  cJSON_AddStringToObject (p, "title", title);
  if (number != NULL)
    cJSON_AddStringToObject (p, "number", number);
  if (issuer != NULL)
    cJSON_AddStringToObject (p, "issuer", issuer);
  if (issued_on != NULL)
    add_date (p, "issued_on", issued_on);
  return p;
}

/* "UBND phường Ba Đình": the office, or "commune", as named on "day".  A
 * commune that did not exist then is named as it is now. */
static char *
office_name_on (HtGen        *self,
                const GDate  *day,
                const HtUnit *commune)
{
  const HtUnit *c = commune ? commune : places_on (self, day)->commune;
  g_autofree char *in = NULL;

  in = unit_in_sentence (c);
  return g_strdup_printf ("UBND %s", in);
}

/* ---- Birth ---- */

/* Days from birth to registration: most within the month, about one in
 * ten after the 60-day deadline (late). */
static int
birth_delay (HtGen *self)
{
  double x = g_rand_double (self->rand);

  if (x < 0.55)
    return rand_int (self, 1, 20);
  if (x < 0.80)
    return rand_int (self, 21, 45);
  if (x < 0.90)
    return rand_int (self, 46, 60);
  return rand_int (self, 61, 90);
}

static int
mother_age (HtGen *self)
{
  static const int bands[][3] = {
    { 18, 19, 4 }, { 20, 24, 25 }, { 25, 29, 33 }, { 30, 34, 24 }, { 35, 39, 11 }, { 40, 43, 3 },
  };
  int x = rand_int (self, 0, 99);

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      if (x < bands[i][2])
        return rand_int (self, bands[i][0], bands[i][1]);
      x -= bands[i][2];
    }
  return 28;
}

typedef struct
{
  char       *name;
  const char *ethnicity;
  gboolean    female;
  int         year;
  char       *pin;
  char       *residence;
  cJSON      *doc;  /* the one card the parent shows, wherever it is written */
  Where       home;
} Parent;

static void
parent_clear (Parent *p)
{
  g_free (p->name);
  g_free (p->pin);
  g_free (p->residence);
  g_clear_pointer (&p->doc, cJSON_Delete);
}

static cJSON *
parent_json (HtGen        *self,
             const Parent *p,
             const GDate  *registered_on)
{
  cJSON *o = cJSON_CreateObject ();

  cJSON_AddStringToObject (o, "full_name", p->name);
  cJSON_AddNumberToObject (o, "birth_year", p->year);
  cJSON_AddStringToObject (o, "ethnicity", p->ethnicity);
  cJSON_AddStringToObject (o, "nationality", "Việt Nam");
  cJSON_AddStringToObject (o, "residence", p->residence);
  if (chance (self, 0.9))
    cJSON_AddItemToObject (o, "id_document", cJSON_Duplicate (p->doc, TRUE));
  return o;
}

static cJSON *
agent_json (HtGen       *self,
            const char  *name,
            const char  *relationship,
            const char  *pin,
            const GDate *dob,
            int          year,
            const char  *residence,
            const GDate *on)
{
  cJSON *o = cJSON_CreateObject ();

  cJSON_AddStringToObject (o, "full_name", name);
  cJSON_AddStringToObject (o, "relationship", relationship);
  cJSON_AddItemToObject (o, "id_document", id_document (self, pin, dob, year, on));
  if (residence != NULL)
    cJSON_AddStringToObject (o, "residence", residence);
  return o;
}

static void
make_parent (HtGen       *self,
             Parent      *p,
             gboolean     female,
             const char  *ethnicity,
             int          year,
             const GDate *registered_on,
             Where        home,
             const char  *shared_residence)
{
  p->female = female;
  p->ethnicity = ethnicity;
  p->year = year;
  p->home = home;
  p->name = make_name (self, pick_surname (self, ethnicity), female, ethnicity, year, NULL);
  p->pin = make_pin (self, ppp_for (self, home), female, year);
  p->doc = id_document (self, p->pin, NULL, year, registered_on);
  if (shared_residence != NULL)
    p->residence = g_strdup (shared_residence);
  else
    p->residence = residence_text (self, registered_on, commune_for (self, registered_on, home), ethnicity);
}

static cJSON *
make_birth (HtGen       *self,
            const GDate *registered_on)
{
  /* Re-registration is for entries made before 2016, so only offices that
   * existed before the reform have them. */
  gboolean re_registration = chance (self, 0.015) && self->places[HT_UNITS_2025_03_01].valid;
  gboolean father_unknown = !re_registration && chance (self, 0.03);
  gboolean female = chance (self, 0.47);
  GDate dob = *registered_on;
  int delay = 0;
  const char *father_ethnicity = pick (self, &t_ethnicities);
  const char *mother_ethnicity = other_ethnicity (self, father_ethnicity, 0.88);
  const char *child_ethnicity;
  int m_age, f_age;
  Parent mother = { 0 }, father = { 0 };
  Where mother_home, child_home;
  g_autofree char *child_name = NULL;
  g_autofree char *hometown = NULL;
  g_autofree char *facility = NULL;
  g_autofree char *facility_place = NULL;
  g_autofree char *child_pin = NULL;
  cJSON *r, *data, *child;

  if (re_registration)
    {
      /* An adult whose birth was registered before 2016 and whose book and
       * certificate are lost (NĐ123 24†). */
      birthday_for_age (self, registered_on, rand_int (self, 16, 45), &dob);
    }
  else
    {
      delay = birth_delay (self);
      date_add (&dob, -delay);
    }

  m_age = mother_age (self);
  f_age = m_age + rand_int (self, -2, 9);
  f_age = CLAMP (f_age, 20, 58);
  mother_home = pick_where (self, 0.85, 0.1);
  make_parent (self, &mother, TRUE, mother_ethnicity, g_date_get_year (&dob) - m_age, registered_on,
               mother_home, NULL);
  if (!father_unknown)
    {
      /* The office is that of a parent's residence (LHT 13): when the
       * mother lives elsewhere the father lives here. */
      gboolean together = mother_home == WHERE_LOCAL && chance (self, 0.93);
      Where father_home = together || mother_home != WHERE_LOCAL ? WHERE_LOCAL : pick_where (self, 0, 0.6);
      make_parent (self, &father, FALSE, father_ethnicity, g_date_get_year (&dob) - f_age, registered_on,
                   father_home, together ? mother.residence : NULL);
      child_ethnicity = chance (self, 0.85) ? father_ethnicity : mother_ethnicity;
      child_home = father.home;
    }
  else
    {
      child_ethnicity = mother_ethnicity;
      child_home = mother.home;
    }

  {
    /* The child takes the father's surname, else the mother's (NĐ123 15†). */
    g_auto(GStrv) words = g_strsplit (father_unknown ? mother.name : father.name, " ", 2);
    g_auto(GStrv) mwords = g_strsplit (mother.name, " ", 2);
    if (re_registration)
      child_name = principal_name (self, words[0], female, child_ethnicity, mwords[0], &dob);
    else
      child_name = make_name (self, words[0], female, child_ethnicity, g_date_get_year (&dob), mwords[0]);
  }

  r = envelope (self, GEN_BIRTH, registered_on, re_registration ? "re-registration" : "new");
  data = cJSON_AddObjectToObject (r, "data");
  child = cJSON_AddObjectToObject (data, "child");
  cJSON_AddStringToObject (child, "full_name", child_name);
  cJSON_AddStringToObject (child, "sex", sex_text (female));
  add_date (child, "date_of_birth", &dob);

  if (re_registration)
    {
      /* Born and registered before 2016, in the units of that time. */
      Places *old = &self->places[HT_UNITS_2025_03_01];
      g_autofree char *commune = unit_in_sentence (old->commune);
      facility = g_strdup_printf ("Trạm y tế %s", commune);
      facility_place = commune_text (self, &dob, old->commune);
      child_pin = make_pin (self, self->ppp, female, g_date_get_year (&dob));
    }
  else
    facility = health_facility (self, &dob, TRUE, &facility_place);
  {
    g_autofree char *place = facility_place_text (facility, facility_place);
    cJSON_AddStringToObject (child, "place_of_birth", place);
  }
  cJSON_AddStringToObject (child, "ethnicity", child_ethnicity);
  cJSON_AddStringToObject (child, "nationality", "Việt Nam");
  hometown = commune_text (self, registered_on,
                           commune_for (self, registered_on, child_home == WHERE_LOCAL && chance (self, 0.3)
                                                             ? WHERE_PROVINCE : child_home));
  cJSON_AddStringToObject (child, "hometown", hometown);
  if (child_pin != NULL)
    cJSON_AddStringToObject (child, "pin", child_pin);

  cJSON_AddItemToObject (data, "mother", parent_json (self, &mother, registered_on));
  if (!father_unknown)
    cJSON_AddItemToObject (data, "father", parent_json (self, &father, registered_on));
  else
    cJSON_AddStringToObject (data, "parent_unknown", "father");

  if (!father_unknown && !re_registration && chance (self, 0.85))
    {
      /* The parents' marriage, one to eight years before the birth and
       * when both were of age. */
      GDate lo, hi, married;
      g_autofree char *number = g_strdup_printf ("%d", rand_int (self, 1, 250));
      g_autofree char *issuer = NULL;

      g_date_set_dmy (&lo, 1, G_DATE_JULY, (GDateYear) MAX (mother.year + 19, father.year + 21));
      hi = dob;
      date_add (&hi, -60);
      married = hi;
      date_add (&married, -rand_int (self, 0, 8 * 365));
      if (g_date_compare (&married, &lo) < 0)
        married = lo;
      if (g_date_compare (&married, &hi) > 0)
        married = hi;
      issuer = office_name_on (self, &married, NULL);
      cJSON_AddItemToObject (data, "parents_marriage", paper ("Giấy chứng nhận kết hôn", number, issuer, &married));
    }

  {
    /* The declarant: a parent, now and then a grandparent (LHT 15.1). */
    double x = g_rand_double (self->rand);
    if (re_registration)
      {
        GDate on = *registered_on;
        cJSON_AddItemToObject (data, "declarant",
                               agent_json (self, child_name, "người được đăng ký khai sinh", child_pin, &dob, 0,
                                           mother.residence, &on));
      }
    else if (x < 0.04)
      {
        gboolean grandmother = chance (self, 0.6);
        const Parent *side = father_unknown || chance (self, 0.4) ? &mother : &father;
        int year = side->year - rand_int (self, 20, 32);
        g_auto(GStrv) words = g_strsplit (side->name, " ", 2);
        g_autofree char *name = NULL;
        g_autofree char *pin = make_pin (self, self->ppp, grandmother, year);
        const char *relationship;

        if (grandmother)
          {
            name = make_name (self, pick_surname (self, side->ethnicity), TRUE, side->ethnicity, year, NULL);
            relationship = side == &mother ? "bà ngoại" : "bà nội";
          }
        else
          {
            name = make_name (self, words[0], FALSE, side->ethnicity, year, NULL);
            relationship = side == &mother ? "ông ngoại" : "ông nội";
          }
        cJSON_AddItemToObject (data, "declarant",
                               agent_json (self, name, relationship, pin, NULL, year, side->residence, registered_on));
      }
    else
      {
        const Parent *who = !father_unknown && x < 0.58 ? &father : &mother;
        cJSON *agent = cJSON_AddObjectToObject (data, "declarant");
        cJSON_AddStringToObject (agent, "full_name", who->name);
        cJSON_AddStringToObject (agent, "relationship", who == &father ? "cha" : "mẹ");
        cJSON_AddItemToObject (agent, "id_document", cJSON_Duplicate (who->doc, TRUE));
      }
  }

  if (re_registration)
    {
      /* The lost entry, registered within weeks of the birth before 2016,
       * and what the person brings instead. */
      GDate original = dob, limit, issued;
      g_autofree char *volume = NULL;
      g_autofree char *number = g_strdup_printf ("%d", rand_int (self, 1, 400));
      g_autofree char *office = NULL;
      cJSON *ref, *papers;

      date_add (&original, rand_int (self, 3, 60));
      g_date_set_dmy (&limit, 31, G_DATE_DECEMBER, 2015);
      if (g_date_compare (&original, &limit) > 0)
        original = limit;
      volume = g_strdup_printf ("01/%u", g_date_get_year (&original));
      office = office_name_on (self, &original, NULL);
      ref = cJSON_AddObjectToObject (data, "original");
      cJSON_AddStringToObject (ref, "office_name", office);
      cJSON_AddStringToObject (ref, "volume", volume);
      cJSON_AddStringToObject (ref, "number", number);
      add_date (ref, "registered_on", &original);
      cJSON_AddStringToObject (ref, "paper_title", "Giấy khai sinh");

      papers = cJSON_AddArrayToObject (data, "basis_papers");
      issued = dob;
      g_date_add_years (&issued, 15);
      if (g_date_compare (&issued, registered_on) > 0)
        issued = *registered_on;
      {
        g_autofree char *school = g_strdup_printf ("Trường Trung học cơ sở %s",
                                                   self->places[HT_UNITS_2025_03_01].commune->name);
        cJSON_AddItemToArray (papers, paper ("Học bạ trung học cơ sở", NULL, school, &issued));
      }
      cJSON_AddItemToArray (papers, paper ("Căn cước công dân", child_pin, "Bộ Công an", NULL));
    }
  else
    {
      /* The birth certificate of the health facility, issued at
       * discharge, at the latest on the registration day. */
      cJSON *notice = cJSON_AddObjectToObject (data, "birth_notice");
      GDate issued = dob;
      g_autofree char *number = g_strdup_printf ("%d/GCS", rand_int (self, 1, 9999));

      date_add (&issued, rand_int (self, 0, MIN (3, delay)));
      cJSON_AddStringToObject (notice, "type", "medical");
      cJSON_AddStringToObject (notice, "number", number);
      cJSON_AddStringToObject (notice, "issuer", facility);
      add_date (notice, "issued_on", &issued);
    }

  parent_clear (&mother);
  parent_clear (&father);
  return r;
}

/* ---- Marriage ---- */

static int
spouse_age (HtGen    *self,
            gboolean  female,
            gboolean  remarriage)
{
  if (remarriage)
    return female ? rand_int (self, 26, 38) : rand_int (self, 28, 40);
  if (female)
    return chance (self, 0.8) ? rand_int (self, 20, 29) : rand_int (self, 18, 38);
  return chance (self, 0.8) ? rand_int (self, 23, 32) : rand_int (self, 20, 40);
}

static const char *
prior_status (HtGen *self)
{
  double x = g_rand_double (self->rand);

  if (x < 0.92)
    return "never_married";
  if (x < 0.98)
    return "divorced";
  return "widowed";
}

/* How an earlier marriage ended: the court's divorce decision or the
 * spouse's death extract. */
static cJSON *
prior_marriage (HtGen       *self,
                const char  *status,
                const GDate *dob,
                const GDate *registered_on)
{
  GDate lo = *dob, hi = *registered_on, ended;
  g_autofree char *number = NULL;
  g_autofree char *issuer = NULL;
  Places *old = &self->places[HT_UNITS_2025_03_01];

  g_date_add_years (&lo, 22);
  date_add (&hi, -120);
  date_between (self, &lo, &hi, &ended);
  if (g_str_equal (status, "divorced"))
    {
      g_autofree char *district = old->valid && old->district ? unit_in_sentence (old->district) : NULL;
      number = g_strdup_printf ("%d/%u/QĐST-HNGĐ", rand_int (self, 1, 600), g_date_get_year (&ended));
      issuer = district ? g_strdup_printf ("Tòa án nhân dân %s", district)
                        : g_strdup_printf ("Tòa án nhân dân %s", places_on (self, registered_on)->province->full_name);
      return paper ("Quyết định công nhận thuận tình ly hôn và sự thỏa thuận của các đương sự",
                    number, issuer, &ended);
    }
  number = g_strdup_printf ("%d/TLKT-BS", rand_int (self, 1, 300));
  issuer = office_name_on (self, &ended, NULL);
  return paper ("Trích lục khai tử", number, issuer, &ended);
}

static cJSON *
spouse_json (HtGen       *self,
             gboolean     female,
             const char  *ethnicity,
             Where        home,
             const char  *residence,
             const GDate *registered_on)
{
  cJSON *o = cJSON_CreateObject ();
  const char *status = prior_status (self);
  gboolean remarriage = !g_str_equal (status, "never_married");
  GDate dob;
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *own_residence = NULL;

  birthday_for_age (self, registered_on, spouse_age (self, female, remarriage), &dob);
  name = principal_name (self, pick_surname (self, ethnicity), female, ethnicity, NULL, &dob);
  pin = make_pin (self, ppp_for (self, home), female, g_date_get_year (&dob));
  if (residence == NULL)
    own_residence = residence_text (self, registered_on, commune_for (self, registered_on, home), ethnicity);

  cJSON_AddStringToObject (o, "full_name", name);
  add_date (o, "date_of_birth", &dob);
  cJSON_AddStringToObject (o, "ethnicity", ethnicity);
  cJSON_AddStringToObject (o, "nationality", "Việt Nam");
  cJSON_AddStringToObject (o, "residence", residence ? residence : own_residence);
  cJSON_AddItemToObject (o, "id_document", id_document (self, pin, &dob, 0, registered_on));
  cJSON_AddStringToObject (o, "prior_status", status);
  if (remarriage)
    cJSON_AddItemToObject (o, "prior_marriage", prior_marriage (self, status, &dob, registered_on));
  return o;
}

static cJSON *
make_marriage (HtGen       *self,
               const GDate *registered_on)
{
  cJSON *r = envelope (self, GEN_MARRIAGE, registered_on, "new");
  cJSON *data = cJSON_AddObjectToObject (r, "data");
  const char *h_ethnicity = pick (self, &t_ethnicities);
  const char *w_ethnicity = other_ethnicity (self, h_ethnicity, 0.85);
  /* The office is that of either party's residence (LHT 17.1). */
  gboolean husband_local = chance (self, 0.6);
  Where h_home = husband_local ? WHERE_LOCAL : pick_where (self, 0, 0.6);
  Where w_home = husband_local ? pick_where (self, 0.45, 0.35) : WHERE_LOCAL;

  cJSON_AddItemToObject (data, "husband", spouse_json (self, FALSE, h_ethnicity, h_home, NULL, registered_on));
  cJSON_AddItemToObject (data, "wife", spouse_json (self, TRUE, w_ethnicity, w_home, NULL, registered_on));
  return r;
}

/* ---- Death ---- */

static int
death_age (HtGen *self)
{
  double x = g_rand_double (self->rand);

  if (x < 0.015)
    return 0;
  if (x < 0.02)
    return rand_int (self, 1, 4);
  if (x < 0.035)
    return rand_int (self, 5, 17);
  if (x < 0.2)
    return rand_int (self, 18, 59);
  if (x < 0.45)
    return rand_int (self, 60, 74);
  return rand_int (self, 75, 99);
}

static cJSON *
make_death (HtGen       *self,
            const GDate *registered_on)
{
  cJSON *r = envelope (self, GEN_DEATH, registered_on, "new");
  cJSON *data = cJSON_AddObjectToObject (r, "data");
  cJSON *deceased = cJSON_AddObjectToObject (data, "deceased");
  cJSON *notice;
  const char *ethnicity = pick (self, &t_ethnicities);
  gboolean female = chance (self, 0.45);
  GDate died = *registered_on, dob, earliest;
  int age = death_age (self);
  int delay;
  g_autofree char *name = NULL;
  g_autofree char *residence = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *died_at = NULL;
  gboolean year_only;
  double x;

  /* Most deaths are declared within the 15 days of LHT 33.1; a quarter
   * come later. */
  delay = chance (self, 0.75) ? rand_int (self, 0, 15) : rand_int (self, 16, 30);
  date_add (&died, -delay);
  /* PINs exist from 1900; nobody older is generated. */
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1920);
  if (age == 0)
    {
      dob = died;
      date_add (&dob, -rand_int (self, 0, 300));
    }
  else
    birthday_for_age (self, &died, age, &dob);
  /* The oldest are born in 1920, on any day of it: one shared birthday
   * would exhaust the names of that day. */
  if (g_date_compare (&dob, &earliest) < 0)
    {
      dob = earliest;
      date_add (&dob, rand_int (self, 0, 364));
    }
  year_only = age >= 70 && chance (self, 0.1);

  name = principal_name (self, pick_surname (self, ethnicity), female, ethnicity, NULL, &dob);
  residence = residence_text (self, registered_on, commune_for (self, registered_on, WHERE_LOCAL), ethnicity);

  cJSON_AddStringToObject (deceased, "full_name", name);
  if (year_only)
    cJSON_AddNumberToObject (deceased, "birth_year", g_date_get_year (&dob));
  else
    add_date (deceased, "date_of_birth", &dob);
  cJSON_AddStringToObject (deceased, "sex", sex_text (female));
  cJSON_AddStringToObject (deceased, "ethnicity", ethnicity);
  cJSON_AddStringToObject (deceased, "nationality", "Việt Nam");
  if (chance (self, age == 0 ? 0.6 : 0.85))
    {
      pin = make_pin (self, self->ppp, female, g_date_get_year (&dob));
      cJSON_AddStringToObject (deceased, "pin", pin);
      if (age >= 14 && chance (self, 0.6))
        cJSON_AddItemToObject (deceased, "id_document",
                               id_document (self, pin, year_only ? NULL : &dob, g_date_get_year (&dob), &died));
    }
  else if (age >= 60 && chance (self, 0.5))
    {
      /* Old people who never changed their 9-digit CMND. */
      cJSON *doc = cJSON_AddObjectToObject (deceased, "id_document");
      g_autofree char *number = make_cmnd (self);
      cJSON_AddStringToObject (doc, "type", "cmnd");
      cJSON_AddStringToObject (doc, "number", number);
    }
  cJSON_AddStringToObject (deceased, "residence", residence);

  {
    g_autofree char *day = date_text (&died);
    if (chance (self, 0.9))
      {
        int hour = rand_int (self, 0, 23);
        int minute = rand_int (self, 0, 59);
        died_at = g_strdup_printf ("%sT%02d:%02d", day, hour, minute);
      }
    else
      died_at = g_strdup (day);
  }
  cJSON_AddStringToObject (data, "died_at", died_at);

  notice = cJSON_CreateObject ();
  x = g_rand_double (self->rand);
  if (age >= 18 && x < 0.04)
    {
      /* A road accident: the police issue the notice. */
      const HtUnit *where = commune_for (self, &died, pick_where (self, 0.4, 0.5));
      g_autofree char *place = NULL;
      g_autofree char *province = province_in_sentence (ht_units_lookup (places_on (self, &died)->ds,
                                                                         HT_UNIT_PROVINCE, where->province));
      g_autofree char *number = g_strdup_printf ("%d/CSĐT", rand_int (self, 1, 900));
      g_autofree char *issuer = g_strdup_printf ("Cơ quan Cảnh sát điều tra Công an %s", province);
      int km = rand_int (self, 1, 120);
      int road = rand_int (self, 1, 60);

      g_string_truncate (self->buf, 0);
      g_string_append_printf (self->buf, "Km %d Quốc lộ %d, ", km, road);
      append_admin_place (self, self->buf, places_on (self, &died)->ds, where);
      place = g_strdup (self->buf->str);
      cJSON_AddStringToObject (data, "place_of_death", place);
      cJSON_AddStringToObject (data, "cause_of_death", "Tai nạn giao thông");
      cJSON_AddStringToObject (notice, "type", "police");
      cJSON_AddStringToObject (notice, "number", number);
      cJSON_AddStringToObject (notice, "issuer", issuer);
    }
  else if (x < (age < 18 ? 0.7 : 0.45))
    {
      /* In a health facility, which issues the Giấy báo tử. */
      g_autofree char *where = NULL;
      g_autofree char *facility = health_facility (self, &died, FALSE, &where);
      g_autofree char *place = facility_place_text (facility, where);
      g_autofree char *number = g_strdup_printf ("%d/GBT", rand_int (self, 1, 2000));

      cJSON_AddStringToObject (data, "place_of_death", place);
      if (chance (self, 0.85))
        cJSON_AddStringToObject (data, "cause_of_death",
                                 pick (self, age < 5 ? &t_causes_child : age < 60 ? &t_causes_adult : &t_causes_elder));
      cJSON_AddStringToObject (notice, "type", "medical");
      cJSON_AddStringToObject (notice, "number", number);
      cJSON_AddStringToObject (notice, "issuer", facility);
    }
  else
    {
      /* At home: the commune confirms the death (NĐ123 4.2†). */
      g_autofree char *place = g_strdup_printf ("Tại nhà, %s", residence);
      g_autofree char *number = g_strdup_printf ("%d/GBT-UBND", rand_int (self, 1, 300));
      g_autofree char *issuer = office_name_on (self, &died, NULL);

      cJSON_AddStringToObject (data, "place_of_death", place);
      if (chance (self, 0.5))
        cJSON_AddStringToObject (data, "cause_of_death",
                                 pick (self, age < 5 ? &t_causes_child : age < 60 ? &t_causes_adult : &t_causes_elder));
      cJSON_AddStringToObject (notice, "type", "commune");
      cJSON_AddStringToObject (notice, "number", number);
      cJSON_AddStringToObject (notice, "issuer", issuer);
    }
  {
    GDate issued;
    date_between (self, &died, registered_on, &issued);
    if (g_date_days_between (&died, &issued) > 3)
      {
        issued = died;
        date_add (&issued, rand_int (self, 0, MIN (3, delay)));
      }
    add_date (notice, "issued_on", &issued);
  }
  cJSON_AddItemToObject (data, "death_notice", notice);

  {
    /* A relative declares: a child for the old, a spouse, a parent for a
     * child (LHT 33.1). */
    const char *relationship;
    gboolean d_female;
    int d_year;
    g_autofree char *d_name = NULL;
    g_autofree char *d_pin = NULL;
    g_auto(GStrv) words = g_strsplit (name, " ", 2);

    if (age < 18)
      {
        d_female = chance (self, 0.4);
        relationship = d_female ? "mẹ" : "cha";
        d_year = g_date_get_year (&dob) - rand_int (self, 22, 38);
      }
    else if (age < 60 && chance (self, 0.6))
      {
        d_female = !female;
        relationship = female ? "chồng" : "vợ";
        d_year = g_date_get_year (&dob) + rand_int (self, -4, 4);
      }
    else
      {
        d_female = chance (self, 0.45);
        relationship = chance (self, 0.85) ? "con" : "cháu";
        d_year = g_date_get_year (&dob) + rand_int (self, 20, 35);
        d_year = MIN (d_year, (int) g_date_get_year (registered_on) - 20);
      }
    /* A son or grandson of a man, and the father of a child, carry the
     * deceased's surname; the others their own. */
    if (!d_female && (g_str_equal (relationship, "cha") ||
                      (!female && (g_str_equal (relationship, "con") || g_str_equal (relationship, "cháu")))))
      d_name = make_name (self, words[0], FALSE, ethnicity, d_year, NULL);
    else
      d_name = make_name (self, pick_surname (self, ethnicity), d_female, ethnicity, d_year, NULL);
    d_pin = make_pin (self, self->ppp, d_female, d_year);
    cJSON_AddItemToObject (data, "declarant",
                           agent_json (self, d_name, relationship, d_pin, NULL, d_year, residence, registered_on));
  }
  return r;
}

/* ---- Marital status ---- */

static const char *const other_purposes[] = {
  "Bổ sung hồ sơ vay vốn ngân hàng",
  "Làm thủ tục chuyển nhượng quyền sử dụng đất",
  "Bổ sung hồ sơ xin việc",
  "Bổ sung hồ sơ mua nhà ở xã hội",
  "Làm thủ tục thừa kế",
  "Bổ sung hồ sơ xuất khẩu lao động",
};

static cJSON *
make_marital_status (HtGen       *self,
                     const GDate *registered_on)
{
  cJSON *r = envelope (self, GEN_MARITAL_STATUS, registered_on, "new");
  cJSON *data = cJSON_AddObjectToObject (r, "data");
  cJSON *subject = cJSON_AddObjectToObject (data, "subject");
  const char *ethnicity = pick (self, &t_ethnicities);
  gboolean female = chance (self, 0.5);
  double x = g_rand_double (self->rand);
  const char *purpose = x < 0.7 ? "marriage_domestic" : x < 0.76 ? "marriage_abroad" : "other";
  gboolean for_marriage = !g_str_equal (purpose, "other");
  const char *status;
  GDate dob;
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *residence = NULL;
  g_autofree char *status_text = NULL;

  x = g_rand_double (self->rand);
  if (for_marriage)
    status = x < 0.88 ? "never_married" : x < 0.97 ? "divorced" : "widowed";
  else
    status = x < 0.55 ? "never_married" : x < 0.9 ? "married" : x < 0.97 ? "divorced" : "widowed";

  if (for_marriage)
    birthday_for_age (self, registered_on, spouse_age (self, female, !g_str_equal (status, "never_married")), &dob);
  else
    birthday_for_age (self, registered_on, rand_int (self, 22, 62), &dob);
  name = principal_name (self, pick_surname (self, ethnicity), female, ethnicity, NULL, &dob);
  pin = make_pin (self, self->ppp, female, g_date_get_year (&dob));
  residence = residence_text (self, registered_on, commune_for (self, registered_on, WHERE_LOCAL), ethnicity);

  cJSON_AddStringToObject (subject, "full_name", name);
  add_date (subject, "date_of_birth", &dob);
  cJSON_AddStringToObject (subject, "sex", sex_text (female));
  cJSON_AddStringToObject (subject, "ethnicity", ethnicity);
  cJSON_AddStringToObject (subject, "nationality", "Việt Nam");
  cJSON_AddStringToObject (subject, "residence", residence);
  cJSON_AddItemToObject (subject, "id_document", id_document (self, pin, &dob, 0, registered_on));

  cJSON_AddStringToObject (data, "status", status);
  if (g_str_equal (status, "never_married"))
    {
      status_text = g_strdup ("Chưa đăng ký kết hôn với ai.");
      cJSON_AddStringToObject (data, "status_text", status_text);
    }
  else if (g_str_equal (status, "married"))
    {
      GDate lo = dob, hi = *registered_on, married;
      g_autofree char *spouse = NULL;
      g_autofree char *number = g_strdup_printf ("%d", rand_int (self, 1, 250));
      g_autofree char *issuer = NULL;
      g_autofree char *day = NULL;

      g_date_add_years (&lo, female ? 19 : 21);
      date_add (&hi, -30);
      date_between (self, &lo, &hi, &married);
      issuer = office_name_on (self, &married, NULL);
      day = ht_date_format_vn (&married);
      {
        int spouse_year = g_date_get_year (&dob) + rand_int (self, -3, 5);
        spouse = make_name (self, pick_surname (self, ethnicity), !female, ethnicity, spouse_year, NULL);
      }
      status_text = g_strdup_printf ("Hiện tại đang có %s là %s %s (Giấy chứng nhận kết hôn số %s, do %s cấp ngày %s).",
                                     female ? "chồng" : "vợ", female ? "ông" : "bà", spouse, number, issuer, day);
      cJSON_AddStringToObject (data, "status_text", status_text);
      cJSON_AddStringToObject (data, "spouse_name", spouse);
      cJSON_AddItemToObject (data, "marriage_paper", paper ("Giấy chứng nhận kết hôn", number, issuer, &married));
    }
  else
    {
      g_autoptr(cJSON) ended = prior_marriage (self, status, &dob, registered_on);
      const char *number = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ended, "number"));
      const char *issuer = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ended, "issuer"));
      GDate on;
      g_autofree char *day = NULL;

      ht_date_parse (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ended, "issued_on")), &on);
      day = ht_date_format_vn (&on);
      if (g_str_equal (status, "divorced"))
        status_text = g_strdup_printf ("Đã đăng ký kết hôn, nhưng đã ly hôn theo Quyết định số %s ngày %s của %s; "
                                       "hiện tại chưa đăng ký kết hôn với ai.", number, day, issuer);
      else
        status_text = g_strdup_printf ("Có đăng ký kết hôn, nhưng %s đã chết (Trích lục khai tử số %s ngày %s "
                                       "của %s); hiện tại chưa đăng ký kết hôn với ai.",
                                       female ? "chồng" : "vợ", number, day, issuer);
      cJSON_AddStringToObject (data, "status_text", status_text);
      cJSON_AddItemToObject (data, g_str_equal (status, "divorced") ? "divorce_paper" : "spouse_death_paper",
                             g_steal_pointer (&ended));
    }

  cJSON_AddStringToObject (data, "purpose", purpose);
  if (!for_marriage)
    cJSON_AddStringToObject (data, "purpose_text", other_purposes[rand_int (self, 0, G_N_ELEMENTS (other_purposes) - 1)]);
  else
    {
      /* The person they mean to marry: of the other sex, of age. */
      cJSON *spouse = cJSON_AddObjectToObject (data, "intended_spouse");
      int year = g_date_get_year (&dob) + (female ? -rand_int (self, 0, 6) : rand_int (self, 0, 5));
      const char *s_ethnicity = other_ethnicity (self, ethnicity, 0.85);
      g_autofree char *s_name = NULL;
      g_autofree char *s_pin = NULL;
      Where home = pick_where (self, 0.3, 0.4);

      year = MIN (year, g_date_get_year (registered_on) - (female ? 21 : 19));
      s_name = make_name (self, pick_surname (self, s_ethnicity), !female, s_ethnicity, year, NULL);
      s_pin = make_pin (self, ppp_for (self, home), !female, year);
      cJSON_AddStringToObject (spouse, "full_name", s_name);
      cJSON_AddNumberToObject (spouse, "birth_year", year);
      cJSON_AddStringToObject (spouse, "nationality", "Việt Nam");
      cJSON_AddItemToObject (spouse, "id_document", id_document (self, s_pin, NULL, year, registered_on));
    }
  return r;
}

/* ---- Setting up ---- */

/* The registry paths each kind's records are written with: a kind is made
 * only when its table describes them all, so the generator never writes
 * what the parser would reject as unknown. */
static const char *const birth_paths[] = {
  "child.full_name", "child.sex", "child.date_of_birth", "child.place_of_birth", "child.ethnicity",
  "child.nationality", "child.hometown", "child.pin", "mother.full_name", "mother.birth_year",
  "mother.residence", "mother.id_document", "father.full_name", "parent_unknown", "parents_marriage",
  "declarant", "birth_notice.type", "birth_notice.number", "birth_notice.issuer", "birth_notice.issued_on",
  "original", "basis_papers", NULL
};
static const char *const marriage_paths[] = {
  "husband.full_name", "husband.date_of_birth", "husband.ethnicity", "husband.nationality",
  "husband.residence", "husband.id_document", "husband.prior_status", "husband.prior_marriage",
  "wife.full_name", "wife.date_of_birth", "wife.ethnicity", "wife.nationality", "wife.residence",
  "wife.id_document", "wife.prior_status", "wife.prior_marriage", NULL
};
static const char *const death_paths[] = {
  "deceased.full_name", "deceased.date_of_birth", "deceased.birth_year", "deceased.sex",
  "deceased.ethnicity", "deceased.nationality", "deceased.pin", "deceased.id_document",
  "deceased.residence", "died_at", "place_of_death", "cause_of_death", "death_notice.type",
  "death_notice.number", "death_notice.issuer", "death_notice.issued_on", "declarant", NULL
};
static const char *const marital_status_paths[] = {
  "subject.full_name", "subject.date_of_birth", "subject.sex", "subject.ethnicity", "subject.nationality",
  "subject.residence", "subject.id_document", "status", "status_text", "spouse_name", "marriage_paper",
  "divorce_paper", "spouse_death_paper", "purpose", "purpose_text", "intended_spouse.full_name",
  "intended_spouse.birth_year", "intended_spouse.nationality", "intended_spouse.id_document", NULL
};

static gboolean
kind_described (GenKind kind)
{
  static const char *const *const paths[GEN_N_KINDS] = {
    birth_paths, marriage_paths, death_paths, marital_status_paths,
  };
  const HtKind *k = ht_kinds_lookup (kind_codes[kind]);

  if (k == NULL)
    return FALSE;
  for (guint i = 0; paths[kind][i] != NULL; i++)
    if (ht_kind_find_field (k, paths[kind][i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
places_init (Places         *p,
             HtUnitsDataset  ds,
             const char     *office)
{
  p->ds = ds;
  p->commune = ht_units_lookup (ds, HT_UNIT_COMMUNE, office);
  p->valid = p->commune != NULL;
  if (!p->valid)
    return;
  p->province = ht_units_lookup (ds, HT_UNIT_PROVINCE, p->commune->province);
  p->district = p->commune->district ? ht_units_lookup (ds, HT_UNIT_DISTRICT, p->commune->district) : NULL;
  p->province_communes = ht_units_list (ds, HT_UNIT_COMMUNE, p->commune->province);
  p->communes = ht_units_list (ds, HT_UNIT_COMMUNE, NULL);
  p->valid = p->province != NULL && p->province_communes->len > 0 && p->communes->len > 0;
}

static void
places_clear (Places *p)
{
  g_clear_pointer (&p->province_communes, g_ptr_array_unref);
  g_clear_pointer (&p->communes, g_ptr_array_unref);
}

/* "lan.nt": the given name, a dot, the initials of surname and middle names. */
static char *
login_for (const char *name)
{
  g_autofree char *folded = ht_fold (name);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint n = g_strv_length (words);
  GString *out = g_string_new (words[n - 1]);

  g_string_append_c (out, '.');
  for (guint i = 0; i + 1 < n; i++)
    g_string_append_c (out, words[i][0]);
  return g_string_free (out, FALSE);
}

/* An official of "share_female" chance to be a woman, aged "lo" to "hi". */
static char *
official_name (HtGen  *self,
               double  share_female,
               int     lo,
               int     hi)
{
  const char *surname = pick_surname (self, "Kinh");
  gboolean female = chance (self, share_female);
  int year = (int) g_date_get_year (&self->to) - rand_int (self, lo, hi);

  return make_name (self, surname, female, "Kinh", year, NULL);
}

static void
staff_init (HtGen *self,
            Staff *staff)
{
  staff->chair = official_name (self, 0.2, 40, 55);
  staff->vice_chair = official_name (self, 0.35, 35, 50);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = official_name (self, 0.65, 25, 45);
      staff->clerks[i] = login_for (name);
    }
}

static void
staff_clear (Staff *staff)
{
  g_free (staff->chair);
  g_free (staff->vice_chair);
  g_free (staff->clerks[0]);
  g_free (staff->clerks[1]);
}

HtGen *
ht_gen_new (const char  *office,
            guint32      seed,
            const GDate *from,
            const GDate *to,
            guint64      count,
            gboolean     numbered,
            GError     **error)
{
  g_autoptr(HtGen) self = g_new0 (HtGen, 1);
  const HtUnit *old;
  GDate reform;

  g_return_val_if_fail (office != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  tables_init ();
  self->rand = g_rand_new_with_seed (seed);
  self->office = g_strdup (office);
  self->from = *from;
  self->to = *to;
  self->count = count;
  self->numbered = numbered;
  self->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pin_serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->principals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->buf = g_string_sized_new (256);
  self->pin_offset = g_rand_int_range (self->rand, 0, 1000000);

  if (ht_units_office (office) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, "%s is not a commune code", office);
      return NULL;
    }
  for (guint ds = 0; ds < HT_UNITS_N_DATASETS; ds++)
    places_init (&self->places[ds], ds, office);

  /* A commune created by the 2025 reform under a new code has no earlier
   * registrations: start the period on the day it came into being. */
  g_date_set_dmy (&reform, 1, G_DATE_JULY, 2025);
  if (!self->places[HT_UNITS_2025_03_01].valid && g_date_compare (&self->from, &reform) < 0)
    self->from = reform;
  if (g_date_compare (&self->from, &self->to) > 0)
    {
      g_autofree char *first = ht_date_format (&self->from);
      g_autofree char *last = ht_date_format (&self->to);
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, "the period from %s to %s is empty", first, last);
      return NULL;
    }
  self->span = (guint) g_date_days_between (&self->from, &self->to);

  /* The PIN province is the province of birth registration before the
   * reform ("0" + its GSO code); a new commune's code names an old one. */
  old = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, office);
  self->ppp = g_strdup_printf ("0%s", old ? old->province : ht_units_office (office)->province);
  if (!ht_units_pin_province_known (self->ppp))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, "no personal ID province code for office %s", office);
      return NULL;
    }
  {
    g_autoptr(GPtrArray) provinces = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_PROVINCE, NULL);
    self->ppps = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < provinces->len; i++)
      {
        char *ppp = g_strdup_printf ("0%s", ((const HtUnit *) provinces->pdata[i])->code);
        if (ht_units_pin_province_known (ppp))
          g_ptr_array_add (self->ppps, ppp);
        else
          g_free (ppp);
      }
  }

  staff_init (self, &self->staff[0]);
  staff_init (self, &self->staff[1]);

  for (guint k = 0; k < GEN_N_KINDS; k++)
    if (kind_described (k))
      self->available |= 1u << k;
  self->kinds = self->available;
  if (self->kinds == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_FAILED, "the kinds registry describes none of the generated kinds");
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
ht_gen_free (HtGen *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rand, g_rand_free);
  for (guint ds = 0; ds < HT_UNITS_N_DATASETS; ds++)
    places_clear (&self->places[ds]);
  g_clear_pointer (&self->ppps, g_ptr_array_unref);
  staff_clear (&self->staff[0]);
  staff_clear (&self->staff[1]);
  g_clear_pointer (&self->numbers, g_hash_table_unref);
  g_clear_pointer (&self->pin_serials, g_hash_table_unref);
  g_clear_pointer (&self->principals, g_hash_table_unref);
  if (self->buf != NULL)
    g_string_free (self->buf, TRUE);
  g_free (self->ppp);
  g_free (self->office);
  g_free (self);
}

guint
ht_gen_set_kinds (HtGen *self,
                  guint  kinds)
{
  g_return_val_if_fail (self != NULL, 0);
  if ((kinds & self->available) != 0)
    self->kinds = kinds & self->available;
  return self->kinds;
}

guint
ht_gen_get_kinds (HtGen *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->kinds;
}

guint64
ht_gen_get_made (HtGen *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->made;
}

/* Whether the office receives people that day: Monday to Friday, and one
 * Saturday morning in five.  The choice depends on the day alone, so that
 * moving records to an open day keeps them in order. */
static gboolean
office_open (const GDate *day)
{
  GDateWeekday wd = g_date_get_weekday (day);

  return wd != G_DATE_SUNDAY && (wd != G_DATE_SATURDAY || g_date_get_julian (day) % 5 == 0);
}

/* The registration day of record "i": evenly through the period, moved to
 * the next open day, or to the last open day of the period past its end.
 * The mapping never goes backwards, so the numbers follow the dates. */
static void
registration_day (HtGen   *self,
                  guint64  i,
                  GDate   *out)
{
  guint64 offset = self->count > 0 ? i * ((guint64) self->span + 1) / self->count : 0;

  *out = self->from;
  date_add (out, (int) MIN (offset, self->span));
  while (!office_open (out))
    date_add (out, 1);
  if (g_date_compare (out, &self->to) > 0)
    {
      *out = self->to;
      while (!office_open (out) && g_date_compare (out, &self->from) > 0)
        date_add (out, -1);
    }
}

static GenKind
pick_kind (HtGen *self)
{
  guint total = 0;
  guint x;

  for (guint k = 0; k < GEN_N_KINDS; k++)
    if (self->kinds & (1u << k))
      total += kind_shares[k];
  x = (guint) g_rand_int_range (self->rand, 0, (gint32) total);
  for (guint k = 0; k < GEN_N_KINDS; k++)
    {
      if (!(self->kinds & (1u << k)))
        continue;
      if (x < kind_shares[k])
        return k;
      x -= kind_shares[k];
    }
  return GEN_BIRTH;
}

cJSON *
ht_gen_next (HtGen   *self,
             GError **error)
{
  g_autoptr(cJSON) raw = NULL;
  g_autoptr(HtIssues) issues = NULL;
  cJSON *record;
  GDate day;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->made >= self->count)
    return NULL;
  registration_day (self, self->made, &day);
  switch (pick_kind (self))
    {
    case GEN_MARRIAGE:
      raw = make_marriage (self, &day);
      break;
    case GEN_DEATH:
      raw = make_death (self, &day);
      break;
    case GEN_MARITAL_STATUS:
      raw = make_marital_status (self, &day);
      break;
    case GEN_BIRTH:
    case GEN_N_KINDS:
    default:
      raw = make_birth (self, &day);
      break;
    }
  self->made++;

  issues = ht_issues_new ();
  record = ht_record_canonicalize (raw, issues);
  if (record == NULL)
    {
      const HtIssue *first = issues->len > 0 ? issues->pdata[0] : NULL;
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, "generated record %" G_GUINT64_FORMAT " does not canonicalise: %s: %s",
                   self->made, first ? first->field : "", first ? first->message : "");
      return NULL;
    }
  /* Derived fields ("late", "valid_until" …) are left to the register,
   * which computes them on save for new and digitised entries alike. */
  return record;
}

char *
ht_gen_next_line (HtGen   *self,
                  GError **error)
{
  g_autoptr(cJSON) record = ht_gen_next (self, error);

  if (record == NULL)
    return NULL;
  return ht_record_print (record);
}
