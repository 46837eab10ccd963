# The cohort fixture and R's Table 1 row for it, for crlm cohort's tests.
#
# Fixture: tests/data/survival/colon_cohort.csv is derived from R's survival::colon (the
# committed colon_death.csv and colon_recurrence.csv), one row per patient, mapped onto crlm
# cohort's columns. The mapping is arbitrary and only gives a real three-level data set with
# two end points (colon is not a liver-surgery cohort):
#   response_group  rx: Lev+5FU -> response, Lev -> stable, Obs -> progression;
#                   set to NA for id %% 151 == 0 (a few patients without a group)
#   r0              adhere == 0 -> yes, adhere == 1 -> no; NA where differ is missing
#   os_time/status  time/status of the death record (etype 2), days
#   dfs_time/status time/status of the recurrence record (etype 1), days;
#                   both NA for id %% 97 == 0 (DFS missing: dropped from DFS only)
#   age, sex, nodes covariates (nodes has 18 missing values: dropped from Cox only)
#
# References (tests/reference/cohort/*.json, crlm-cohort/1 layout, read by
# tests/survival/test_cohort.c): per group survfit (median and its interval; summary at 1, 3,
# 5 years), survdiff across groups, coxph with relevel(ref = "response") adjusted for the
# covariates. Times in days (years at 365.25 d), and the same data in months (days / 30.4375)
# without covariates.
#
# Run from the repository root (apt-get install r-base-core r-cran-survival):
#     Rscript tests/reference/make_cohort_refs.R
suppressPackageStartupMessages(library(survival))

num <- function(x) {
  x <- as.numeric(x)
  ifelse(is.finite(x), sprintf("%.17g", x), "null")
}
str <- function(s) paste0("\"", s, "\"")

dir <- "tests/data/survival"
death <- read.csv(file.path(dir, "colon_death.csv"), na.strings = c("", "NA"))
rec <- read.csv(file.path(dir, "colon_recurrence.csv"), na.strings = c("", "NA"))
rec <- rec[match(death$id, rec$id), ]
grp <- c("Lev+5FU" = "response", "Lev" = "stable", "Obs" = "progression")[death$rx]
grp[death$id %% 151 == 0] <- NA
r0 <- ifelse(death$adhere == 0, "yes", "no")
r0[is.na(death$differ)] <- NA
dfs_miss <- death$id %% 97 == 0
fx <- data.frame(id = death$id, response_group = unname(grp), r0 = r0,
                 os_time = death$time, os_status = death$status,
                 dfs_time = ifelse(dfs_miss, NA, rec$time),
                 dfs_status = ifelse(dfs_miss, NA, rec$status),
                 age = death$age, sex = death$sex, nodes = death$nodes)
write.csv(fx, file.path(dir, "colon_cohort.csv"), row.names = FALSE, quote = FALSE, na = "")

dir.create("tests/reference/cohort", showWarnings = FALSE)
groups <- c("response", "stable", "progression")

endpoint <- function(d, tcol, scol, at) {
  d <- d[complete.cases(d[, c("response_group", tcol, scol)]), ]
  per <- list()
  for (g in groups) {
    s <- d[d$response_group == g, ]
    fit <- survfit(Surv(s[[tcol]], s[[scol]]) ~ 1)
    tab <- summary(fit)$table
    sm <- summary(fit, times = at)
    yrs <- sprintf("\"%d\": {\"surv\": %s, \"low\": %s, \"high\": %s, \"n_risk\": %s}",
                   c(1, 3, 5), num(sm$surv), num(sm$lower), num(sm$upper), num(sm$n.risk))
    per[[g]] <- list(n = nrow(s), events = sum(s[[scol]]), median = tab["median"],
                     low = tab["0.95LCL"], high = tab["0.95UCL"],
                     at = paste0("{", paste(yrs, collapse = ", "), "}"))
  }
  sd <- survdiff(Surv(d[[tcol]], d[[scol]]) ~ d$response_group)
  df <- length(sd$n) - 1
  list(per = per, dropped = nrow(fx) - nrow(d),
       lr = sprintf("{\"chisq\": %s, \"df\": %s, \"p\": %s}", num(sd$chisq), num(df),
                    num(pchisq(sd$chisq, df, lower.tail = FALSE))))
}

run_case <- function(name, d, unit, per_year, covariates) {
  at <- c(1, 3, 5) * per_year
  os <- endpoint(d, "os_time", "os_status", at)
  dfs <- endpoint(d, "dfs_time", "dfs_status", at)
  known <- !is.na(d$response_group)
  gparts <- character()
  for (g in groups) {
    o <- os$per[[g]]; f <- dfs$per[[g]]
    ng <- sum(d$response_group[known] == g)
    gparts <- c(gparts, sprintf(paste0(
      "{\"group\": %s, \"n\": %d, \"pct\": %s, \"os_n\": %d, \"os_events\": %d, ",
      "\"median_os\": %s, \"median_os_low\": %s, \"median_os_high\": %s, ",
      "\"dfs_n\": %d, \"dfs_events\": %d, \"median_dfs\": %s, \"median_dfs_low\": %s, ",
      "\"median_dfs_high\": %s,\n     \"os\": %s,\n     \"dfs\": %s}"),
      str(g), ng, num(100 * ng / sum(known)), o$n, o$events, num(o$median), num(o$low),
      num(o$high), f$n, f$events, num(f$median), num(f$low), num(f$high), o$at, f$at))
  }
  used <- c("response_group", "os_time", "os_status", covariates)
  dc <- d[complete.cases(d[, used]), ]
  dc$g <- relevel(factor(dc$response_group), ref = "response")
  form <- as.formula(paste("Surv(os_time, os_status) ~", paste(c("g", covariates), collapse = " + ")))
  m <- coxph(form, data = dc, ties = "efron")
  s <- summary(m)
  k <- "gprogression"
  cox <- sprintf(paste0("{\"term\": \"response_group=progression\", \"hr\": %s, \"low\": %s, ",
                        "\"high\": %s, \"p\": %s, \"coef\": %s, \"se\": %s, \"n\": %d, ",
                        "\"events\": %d, \"converged\": true}"),
                 num(s$conf.int[k, "exp(coef)"]), num(s$conf.int[k, "lower .95"]),
                 num(s$conf.int[k, "upper .95"]), num(s$coefficients[k, "Pr(>|z|)"]),
                 num(s$coefficients[k, "coef"]), num(s$coefficients[k, "se(coef)"]),
                 m$n, m$nevent)
  r0k <- !is.na(d$r0)
  parts <- c("\"format\": \"crlm-cohort/1\"", sprintf("\"time_unit\": %s", str(unit)),
             sprintf("\"years_at\": [%s]", paste(num(at), collapse = ", ")),
             sprintf("\"n\": %d, \"r0_n\": %d, \"r0_known\": %d, \"r0_pct\": %s, \"group_known\": %d",
                     nrow(d), sum(d$r0[r0k] == "yes"), sum(r0k),
                     num(100 * mean(d$r0[r0k] == "yes")), sum(known)),
             sprintf("\"groups\": [\n    %s]", paste(gparts, collapse = ",\n    ")),
             sprintf("\"logrank_os\": %s", os$lr), sprintf("\"logrank_dfs\": %s", dfs$lr),
             sprintf("\"cox_os\": %s", cox),
             sprintf("\"dropped_missing\": {\"os\": %d, \"dfs\": %d, \"cox_os\": %d}",
                     os$dropped, dfs$dropped, nrow(d) - nrow(dc)),
             sprintf("\"args\": {\"file\": %s, \"time_unit\": %s, \"covariates\": [%s]}",
                     str(paste0(name, ".csv")), str(unit),
                     paste(sapply(covariates, str), collapse = ", ")),
             sprintf("\"generated_by\": \"R %s, survival %s\"", getRversion(),
                     packageVersion("survival")))
  writeLines(paste0("{", paste(parts, collapse = ",\n  "), "}"),
             file.path("tests/reference/cohort", paste0(name, ".json")))
  cat(sprintf("%s: n=%d\n", name, nrow(d)))
}

run_case("colon_cohort", fx, "days", 365.25, c("age", "sex", "nodes"))
# the same patients with times in months (written with 17 significant digits)
fm <- fx
fm$os_time <- fm$os_time / 30.4375
fm$dfs_time <- fm$dfs_time / 30.4375
write.csv(data.frame(lapply(fm, function(v) if (is.double(v)) ifelse(is.na(v), NA, sprintf("%.17g", v)) else v)),
          file.path(dir, "colon_cohort_months.csv"), row.names = FALSE, quote = FALSE, na = "")
fm <- read.csv(file.path(dir, "colon_cohort_months.csv"), na.strings = c("", "NA"))
run_case("colon_cohort_months", fm, "months", 12, character())
