# Reference values for tests/test_stats_reference.py, computed independently in R.
# Run from the project root:  Rscript tests/reference/stats_reference.R
# Needs R >= 4.2 with the packages coin, jsonlite, sandwich and statcheck
# (Debian: r-base-core r-cran-coin r-cran-jsonlite r-cran-sandwich r-cran-statcheck).
# Writes tests/reference/stats_reference.json; the Python tests read it and never call R.
suppressPackageStartupMessages({
  library(coin); library(jsonlite); library(sandwich); library(statcheck)
})
set.seed(20261201)

# d_z interval by inverting the noncentral t, with the noncentral-t CDF computed by numerical
# integration over the chi-square (independent of R's pt(ncp=), which is approximate at large ncp):
# P(T <= t | ncp) = E[ pnorm(t * sqrt(V / df) - ncp) ], V ~ chi-square(df).
nct_cdf <- function(t, df, ncp) {
  lo <- qchisq(1e-12, df); hi <- qchisq(1 - 1e-12, df)
  integrate(function(v) pnorm(t * sqrt(v / df) - ncp) * dchisq(v, df), lo, hi,
            rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000L)$value
}
dz_ci <- function(t, n, conf = 0.95) {
  a <- 1 - conf; df <- n - 1
  span <- c(min(t - 10, t * 0.2 - 10), max(t + 10, t * 3 + 10))
  lo <- uniroot(function(l) nct_cdf(t, df, l) - (1 - a / 2), span, tol = 1e-12)$root
  hi <- uniroot(function(l) nct_cdf(t, df, l) - a / 2, span, tol = 1e-12)$root
  c(lo, hi) / sqrt(n)
}

# The book's convention for the signed-rank p (helpers.stats.paired): zeros dropped; exact when
# at most 50 non-zero differences and no ties or zeros; exact conditional (coin) with ties or
# zeros up to 13 non-zero differences; otherwise normal approximation, tie-corrected variance,
# no continuity correction.
paired_case <- function(name, pre, post, rank_scale = 1) {
  d <- pre - post
  tt <- t.test(pre, post, paired = TRUE)
  # ranks are judged on exact integers: differences times rank_scale (3 for means of 3 items)
  di <- round(d * rank_scale)
  nz <- di[di != 0]
  tied <- any(duplicated(abs(nz))) || any(di == 0)
  wilcoxon <- if (!tied && length(nz) <= 50) "exact" else if (tied && length(nz) <= 13) "coin" else "normal"
  if (wilcoxon == "normal") {
    w <- suppressWarnings(wilcox.test(nz, exact = FALSE, correct = FALSE))
    wp <- w$p.value
  } else if (wilcoxon == "exact") {
    w <- wilcox.test(nz, exact = TRUE)
    wp <- w$p.value
  } else {
    zero <- rep(0, length(nz))
    wp <- pvalue(wilcoxsign_test(nz ~ zero, distribution = "exact", zero.method = "Wilcoxon"))
    wp <- as.numeric(wp)
  }
  r <- rank(abs(nz))
  vplus <- sum(r[nz > 0]); vminus <- sum(r[nz < 0])
  list(name = name, pre = pre, post = post, n = length(d), wilcoxon_method = wilcoxon,
       t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value,
       diff_ci = unname(tt$conf.int[1:2]), dz = mean(d) / sd(d),
       dz_ci = dz_ci(unname(tt$statistic), length(d)),
       wilcoxon_stat = min(vplus, vminus), wilcoxon_p = wp, n_zero = sum(di == 0),
       wilcoxon_with_continuity = suppressWarnings(
         wilcox.test(nz, exact = FALSE, correct = TRUE))$p.value)
}

cases <- list()
# 1. sum scores with ties and zeros, n = 20: normal approximation, tie-corrected, no correction
pre <- sample(8:30, 20, replace = TRUE); post <- pmax(0, pre - sample(-3:8, 20, replace = TRUE))
cases[[1]] <- paired_case("integer sums, ties, n = 20", pre, post)
# 2. means of 3 items (float noise in the differences), n = 16: ties must be restored
items_pre <- matrix(sample(0:4, 48, replace = TRUE), ncol = 3)
items_post <- pmax(items_pre - matrix(sample(-1:2, 48, replace = TRUE), ncol = 3), 0)
cases[[2]] <- paired_case("means of 3 items, n = 16", rowMeans(items_pre), rowMeans(items_post),
                          rank_scale = 3)
items_pre <- matrix(sample(0:4, 90, replace = TRUE), ncol = 3)
items_post <- pmax(items_pre - matrix(sample(-1:2, 90, replace = TRUE), ncol = 3), 0)
cases[[5]] <- paired_case("means of 3 items, n = 30", rowMeans(items_pre), rowMeans(items_post),
                          rank_scale = 3)
# 3. distinct non-zero differences, n = 10: exact null distribution
pre <- c(20, 18, 25, 30, 14, 22, 27, 19, 16, 24); post <- pre - c(5, -2, 9, 1, 7, -4, 3, 11, 6, 8)
cases[[3]] <- paired_case("distinct differences, n = 10", pre, post)
# 4. ties and a zero, n = 12: exact conditional distribution (coin)
pre <- c(20, 18, 25, 30, 14, 22, 27, 19, 16, 24, 21, 17)
post <- pre - c(3, 3, -1, 5, 3, 0, -1, 6, 5, 2, 2, 4)
cases[[4]] <- paired_case("ties and a zero, n = 12", pre, post)

# 5. a handful of +-1 steps (LOAF levels): exact sign test
sign_cases <- list(list(better = 13, worse = 11, p = binom.test(13, 24)$p.value),
                   list(better = 9, worse = 1, p = binom.test(9, 10)$p.value),
                   list(better = 0, worse = 5, p = binom.test(0, 5)$p.value))
# the normal approximation the report used for the first case, for the record
loaf <- c(rep(1, 13), rep(-1, 11))
loaf_normal <- suppressWarnings(wilcox.test(loaf, exact = FALSE, correct = FALSE))$p.value

# 6. d_z interval at large t (n = 17)
large_t <- lapply(c(3, 25, 150, 2000, 1e5), function(t) list(t = t, n = 17, ci = dz_ci(t, 17)))

# 7. reliable change (Jacobson & Truax 1991): threshold = 1.96 * SD * sqrt(2) * sqrt(1 - r)
core_pre <- c(25, 18, 14, 30, 12, 22, 16, 11, 27, 19, 13, 21, 9, 8, 15, 24, 17)
core_post <- c(19, 12, 14, 18, 4, 16, 17, 6, 21, 20, 7, 9, 12, 3, 9, 19, 11)
classify <- function(pre, post, thr, cutoff = 11) {
  imp <- pre - post
  rel_imp <- imp >= thr - 1e-9; rel_det <- imp <= -thr + 1e-9
  crossed <- pre >= cutoff & post < cutoff
  cat <- ifelse(rel_imp & crossed, "recovered", ifelse(rel_imp, "reliably improved",
                ifelse(rel_det, "reliably deteriorated", "no reliable change")))
  sapply(c("recovered", "reliably improved", "no reliable change", "reliably deteriorated"),
         function(k) sum(cat == k))
}
jt <- 1.96 * sd(core_pre) * sqrt(2) * sqrt(1 - 0.90)
reliable <- list(pre = core_pre, post = core_post, cutoff = 11, intake_sd = sd(core_pre),
                 reliability = 0.90, jt_threshold = jt,
                 counts_fixed_6 = as.list(classify(core_pre, core_post, 6)),
                 counts_jt = as.list(classify(core_pre, core_post, jt)),
                 rci = (core_post - core_pre) / (sqrt(2) * sd(core_pre) * sqrt(1 - 0.90)))

# 8. couples: the same change over people, over couple means, and cluster-robust (CR1, G - 1 df)
cl_pre <- c(25, 18, 14, 30, 12, 22, 16, 11, 27, 19, 13, 21, 9, 8, 15)
cl_post <- c(19, 12, 14, 18, 4, 16, 17, 6, 21, 20, 7, 9, 12, 3, 9)
couple <- c("a", "a", "b", "b", "c", "d", "d", "e", "e", "f", "g", "g", "h", "i", "i")
dd <- cl_pre - cl_post
fit <- lm(dd ~ 1)
se <- sqrt(vcovCL(fit, cluster = couple, type = "HC1")[1, 1])
G <- length(unique(couple))
tr <- unname(coef(fit)[1] / se)
cm_pre <- tapply(cl_pre, couple, mean); cm_post <- tapply(cl_post, couple, mean)
cm <- t.test(cm_pre, cm_post, paired = TRUE)
clustered <- list(pre = cl_pre, post = cl_post, couple = couple,
                  robust_mean = unname(coef(fit)[1]), robust_se = se, robust_t = tr,
                  robust_df = G - 1, robust_p = 2 * pt(-abs(tr), G - 1),
                  robust_ci = unname(coef(fit)[1] + c(-1, 1) * qt(0.975, G - 1) * se),
                  means_t = unname(cm$statistic), means_p = cm$p.value,
                  means_ci = unname(cm$conf.int[1:2]))

# 9. statcheck on test results as printed: helpers.audit's p rule is compared with it
tests_printed <- data.frame(
  test = c("t", "t", "t", "F", "r", "chi2", "t", "t", "t", "t", "F", "t", "t"),
  statistic = c("2.80", "1.49", "3.60", "4.50", ".45", "6.25", "2.80", "1.80", "1.49", "2.05",
                "3.10", "2.12", "2.13"),
  df1 = c(16, 9, 8, 2, 28, 2, 16, 16, 9, 20, 2, 40, 40),
  df2 = c(NA, NA, NA, 30, NA, NA, NA, NA, NA, NA, 40, NA, NA),
  p = c("= .013", "= .169", "< .01", "= .019", "= .013", "= .044", "= .13", "= .03", "< .05",
        "= .054", "= .06", "= .04", "= .039"),
  stringsAsFactors = FALSE)
label <- ifelse(tests_printed$test == "F",
                sprintf("F(%g, %g) = %s, p %s", tests_printed$df1, tests_printed$df2,
                        tests_printed$statistic, tests_printed$p),
                sprintf("%s(%g) = %s, p %s", tests_printed$test, tests_printed$df1,
                        tests_printed$statistic, tests_printed$p))
label <- sub("^chi2", "chi2", label)
sc <- statcheck(label, messages = FALSE)
sc_rows <- lapply(seq_len(nrow(tests_printed)), function(i) {
  hit <- sc[sc$raw == label[i] | sc$source == i, ][1, ]
  c(as.list(tests_printed[i, ]), list(text = label[i],
    statcheck_error = if (is.na(hit$error)) NULL else hit$error,
    statcheck_decision_error = if (is.na(hit$decision_error)) NULL else hit$decision_error,
    statcheck_computed_p = if (is.na(hit$computed_p)) NULL else hit$computed_p))
})

out <- list(generated_by = "tests/reference/stats_reference.R", r_version = R.version.string,
            coin_version = as.character(packageVersion("coin")),
            paired = cases, sign_test = sign_cases, loaf_normal_p = loaf_normal,
            dz_large_t = large_t, reliable_change = reliable,
            clustered = clustered, statcheck = sc_rows,
            statcheck_version = as.character(packageVersion("statcheck")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference/stats_reference.json")
