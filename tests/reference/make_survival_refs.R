# Reference outputs of R's survival package for crlm's survival tests.
#
# For every case below this runs survfit (Kaplan-Meier per group), summary(times=) for the
# `at` values, survdiff (log-rank, stratified when a stratum is given) and coxph (Efron or
# Breslow ties, strata when given) on the CSV files in tests/data/survival/, and writes
# tests/reference/survival/<case>.json in crlm's own crlm-survival/1 layout plus an "args"
# object that tells the C test how to run crlm on the same data. CI has no R: these committed
# JSON files are what tests/survival/test_survival_refs.c reads.
#
# Run from the repository root (Debian 12: apt-get install r-base-core r-cran-survival):
#     Rscript tests/reference/make_survival_refs.R
#
# Conventions applied exactly as crlm documents them: rows with a missing value in any used
# column are dropped first (so Kaplan-Meier and the log-rank test see the same rows as the Cox
# model); non-numeric columns are factors with levels in C-locale sorted order (radix sort);
# numeric groups are sorted numerically; factor coefficients are named column=level.
suppressPackageStartupMessages(library(survival))

num <- function(x) {
  x <- as.numeric(x)
  ifelse(is.finite(x), sprintf("%.17g", x), "null")
}
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
obj <- function(keys, vals) paste0("{", paste(paste0(str(keys), ": ", vals), collapse = ", "), "}")

sorted_levels <- function(v) {
  u <- unique(v)
  if (is.numeric(v)) as.character(sort(u)) else sort(u, method = "radix")
}

run_case <- function(name, file, time, event, event_value = NULL, group = NULL, strata = NULL,
                     covariates = character(), ties = "efron", at = numeric(),
                     conf_type = "log") {
  d <- read.csv(file.path("tests/data/survival", file), na.strings = c("", "NA"),
                stringsAsFactors = FALSE, check.names = FALSE)
  used <- c(time, event, group, strata, covariates)
  n_all <- nrow(d)
  d <- d[complete.cases(d[, used, drop = FALSE]), , drop = FALSE]
  tt <- d[[time]]
  ev <- if (is.null(event_value)) {
    e <- d[[event]]
    if (max(e) == 2) e - 1 else e
  } else as.numeric(as.character(d[[event]]) == event_value |
                      suppressWarnings(as.numeric(d[[event]]) == as.numeric(event_value)) %in% TRUE)
  d$.t <- tt
  d$.e <- ev
  out <- c(str("format"), str("crlm-survival/1"))
  parts <- c(sprintf("\"format\": \"crlm-survival/1\""),
             sprintf("\"n\": %d", nrow(d)), sprintf("\"events\": %d", sum(ev)),
             sprintf("\"dropped_missing\": %d", n_all - nrow(d)))
  # Kaplan-Meier
  if (is.null(group)) {
    glev <- "all"; gidx <- list(all = rep(TRUE, nrow(d)))
  } else {
    glev <- sorted_levels(d[[group]])
    gidx <- lapply(glev, function(l) as.character(d[[group]]) == l)
  }
  km <- character()
  for (k in seq_along(glev)) {
    sub <- d[gidx[[k]], , drop = FALSE]
    fit <- survfit(Surv(.t, .e) ~ 1, data = sub, conf.type = conf_type)
    tab <- summary(fit)$table
    rows <- sprintf("{\"time\": %s, \"n_risk\": %s, \"n_event\": %s, \"n_censor\": %s, \"surv\": %s, \"std_err\": %s, \"low\": %s, \"high\": %s}",
                    num(fit$time), num(fit$n.risk), num(fit$n.event), num(fit$n.censor),
                    num(fit$surv), num(fit$std.err), num(fit$lower), num(fit$upper))
    ats <- character()
    for (a in at) {
      if (a > max(fit$time)) {
        ats <- c(ats, sprintf("{\"time\": %s, \"surv\": null, \"low\": null, \"high\": null, \"n_risk\": 0}", num(a)))
      } else {
        s <- summary(fit, times = a)
        ats <- c(ats, sprintf("{\"time\": %s, \"surv\": %s, \"low\": %s, \"high\": %s, \"n_risk\": %s}",
                              num(a), num(s$surv), num(s$lower), num(s$upper), num(s$n.risk)))
      }
    }
    km <- c(km, sprintf("{\"group\": %s, \"n\": %d, \"events\": %d, \"median\": %s, \"median_low\": %s, \"median_high\": %s,\n   \"table\": [%s],\n   \"at\": [%s]}",
                        str(glev[k]), nrow(sub), sum(sub$.e), num(tab["median"]),
                        num(tab["0.95LCL"]), num(tab["0.95UCL"]),
                        paste(rows, collapse = ",\n    "), paste(ats, collapse = ", ")))
  }
  parts <- c(parts, sprintf("\"km\": [\n  %s]", paste(km, collapse = ",\n  ")))
  # log-rank
  if (!is.null(group) && length(glev) >= 2) {
    d$.g <- factor(as.character(d[[group]]), levels = glev)
    if (is.null(strata)) {
      sd <- survdiff(Surv(.t, .e) ~ .g, data = d)
    } else {
      d$.s <- d[[strata]]
      sd <- survdiff(Surv(.t, .e) ~ .g + strata(.s), data = d)
    }
    o <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
    e <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
    df <- sum(e > 0) - 1
    parts <- c(parts, sprintf("\"logrank\": {\"chisq\": %s, \"df\": %d, \"p\": %s, \"observed\": %s, \"expected\": %s}",
                              num(sd$chisq), df, num(pchisq(sd$chisq, df, lower.tail = FALSE)),
                              arr(o), arr(e)))
  } else parts <- c(parts, "\"logrank\": null")
  # Cox
  if (length(covariates)) {
    names_out <- character()
    rhs <- character()
    for (cv in covariates) {
      v <- d[[cv]]
      nm <- paste0(".x", length(rhs) + 1)
      if (is.numeric(v)) {
        d[[nm]] <- v; names_out <- c(names_out, cv)
      } else {
        lv <- sorted_levels(v)
        d[[nm]] <- factor(v, levels = lv)
        names_out <- c(names_out, paste0(cv, "=", lv[-1]))
      }
      rhs <- c(rhs, nm)
    }
    if (!is.null(strata)) { d$.s <- d[[strata]]; rhs <- c(rhs, "strata(.s)") }
    fml <- as.formula(paste("Surv(.t, .e) ~", paste(rhs, collapse = " + ")))
    warn <- ""
    m <- withCallingHandlers(coxph(fml, data = d, ties = ties),
                             warning = function(w) { warn <<- conditionMessage(w); invokeRestart("muffleWarning") })
    s <- summary(m)
    cf <- s$coefficients
    ci <- s$conf.int
    co <- sprintf("{\"name\": %s, \"coef\": %s, \"exp_coef\": %s, \"se\": %s, \"z\": %s, \"p\": %s, \"low\": %s, \"high\": %s}",
                  sapply(names_out, str), num(cf[, "coef"]), num(cf[, "exp(coef)"]),
                  num(cf[, "se(coef)"]), num(cf[, "z"]), num(cf[, "Pr(>|z|)"]),
                  num(ci[, "lower .95"]), num(ci[, "upper .95"]))
    # summary.coxph rounds the Wald statistic for printing; use the fit's own values
    tdf <- s$logtest["df"]
    tst <- function(x) sprintf("{\"chisq\": %s, \"df\": %s, \"p\": %s}", num(x), num(tdf),
                               num(pchisq(x, tdf, lower.tail = FALSE)))
    parts <- c(parts, sprintf("\"cox\": {\"ties\": %s, \"n\": %d, \"events\": %d,\n  \"coefficients\": [%s],\n  \"loglik_null\": %s, \"loglik\": %s, \"lr_test\": %s, \"wald_test\": %s, \"score_test\": %s, \"concordance\": %s, \"iterations\": %d, \"r_warning\": %s}",
                              str(ties), m$n, m$nevent, paste(co, collapse = ",\n   "),
                              num(m$loglik[1]), num(m$loglik[2]), tst(2 * (m$loglik[2] - m$loglik[1])), tst(m$wald.test),
                              tst(m$score), num(m$concordance["concordance"]), m$iter, str(warn)))
  } else parts <- c(parts, "\"cox\": null")
  args <- c(sprintf("\"file\": %s", str(file)), sprintf("\"time\": %s", str(time)),
            sprintf("\"event\": %s", str(event)),
            sprintf("\"event_value\": %s", if (is.null(event_value)) "null" else str(event_value)),
            sprintf("\"group\": %s", if (is.null(group)) "null" else str(group)),
            sprintf("\"strata\": %s", if (is.null(strata)) "null" else str(strata)),
            sprintf("\"covariates\": [%s]", paste(sapply(covariates, str), collapse = ", ")),
            sprintf("\"ties\": %s", str(ties)), sprintf("\"at\": %s", arr(at)),
            sprintf("\"conf_type\": %s", str(conf_type)))
  parts <- c(parts, sprintf("\"args\": {%s}", paste(args, collapse = ", ")),
             sprintf("\"generated_by\": \"R %s, survival %s\"", getRversion(), packageVersion("survival")))
  writeLines(paste0("{", paste(parts, collapse = ",\n "), "}"),
             file.path("tests/reference/survival", paste0(name, ".json")))
  cat(sprintf("%-28s n=%d\n", name, nrow(d)))
}

run_case("colon_death_efron", "colon_death.csv", "time", "status", group = "rx",
         covariates = c("age", "sex", "nodes", "rx"), at = c(365, 1825, 3650))
run_case("colon_death_breslow", "colon_death.csv", "time", "status", group = "rx",
         covariates = c("age", "sex", "nodes", "rx"), ties = "breslow", at = c(365, 1825))
run_case("colon_recurrence_strata", "colon_recurrence.csv", "time", "status", group = "rx",
         strata = "sex", covariates = c("rx", "age", "obstruct", "differ", "extent"))
run_case("colon_km_only", "colon_recurrence.csv", "time", "status", group = "rx",
         at = c(0, 100, 1000, 2000))
run_case("lung_efron", "lung.csv", "time", "status", group = "sex",
         covariates = c("age", "sex", "ph.ecog", "wt.loss"), at = c(180, 365, 730))
run_case("lung_breslow", "lung.csv", "time", "status", group = "sex",
         covariates = c("age", "sex", "ph.ecog", "wt.loss"), ties = "breslow")
run_case("lung_plain", "lung.csv", "time", "status", group = "ph.ecog", conf_type = "plain",
         at = c(100, 365))
run_case("lung_loglog", "lung.csv", "time", "status", conf_type = "log-log", at = c(100, 365, 1000))
run_case("lung_all_covariates", "lung.csv", "time", "status",
         covariates = c("inst", "age", "sex", "ph.ecog", "ph.karno", "pat.karno", "meal.cal", "wt.loss"))
run_case("veteran_efron", "veteran.csv", "time", "status", group = "celltype", strata = "trt",
         covariates = c("trt", "celltype", "karno", "diagtime", "age", "prior"), at = c(30, 90, 365))
run_case("veteran_breslow", "veteran.csv", "time", "status", group = "celltype",
         covariates = c("trt", "celltype", "karno", "diagtime", "age", "prior"), ties = "breslow")
run_case("pbc_death", "pbc.csv", "time", "status", event_value = "2", group = "trt",
         covariates = c("age", "edema", "bili", "albumin", "protime", "sex", "stage"),
         at = c(365, 1826, 3652))
run_case("pbc_breslow_strata", "pbc.csv", "time", "status", event_value = "2", group = "sex",
         strata = "stage", covariates = c("age", "bili", "albumin"), ties = "breslow")
run_case("ovarian_efron", "ovarian.csv", "futime", "fustat", group = "rx",
         covariates = c("age", "resid.ds", "rx", "ecog.ps"), at = c(365, 730))
run_case("ovarian_breslow", "ovarian.csv", "futime", "fustat", group = "rx",
         covariates = c("age", "resid.ds", "rx", "ecog.ps"), ties = "breslow")
run_case("edge_km", "edge_cases.csv", "time", "status", group = "case", at = c(0, 2, 5, 5.5, 8, 10, 20))
run_case("edge_km_plain", "edge_cases.csv", "time", "status", group = "case", conf_type = "plain",
         at = c(3, 6))
run_case("edge_km_loglog", "edge_cases.csv", "time", "status", group = "case", conf_type = "log-log")
run_case("edge_group_efron", "edge_cases.csv", "time", "status", group = "group",
         covariates = c("group", "time_unused_placeholder")[1], at = c(5))
