"""Pages of the development work: the service review (portfolio, weighing, plan)."""

from django.urls import URLPattern, path

from trepart.development.views import review, review_plans, review_weighing

urlpatterns: list[URLPattern] = [
    path("<int:pk>/portefolje/", review.portfolio_page, name="portfolio"),
    path("<int:pk>/portefolje/ny/", review.task_add_page, name="task_add"),
    path("<int:pk>/portefolje/<int:task_pk>/", review.task_edit_page, name="task_edit"),
    path("<int:pk>/portefolje/<int:task_pk>/fjern/", review.task_remove_page, name="task_remove"),
    path("<int:pk>/portefolje/<int:task_pk>/laas/", review.task_lock_page, name="task_lock"),
    path("<int:pk>/portefolje/import/", review.portfolio_import_page, name="portfolio_import"),
    path("<int:pk>/eksempel/<str:kind>.csv", review.import_example, name="review_import_example"),
    path("<int:pk>/bemanning/", review.workforce_page, name="workforce"),
    path("<int:pk>/bemanning/import/", review.workforce_import_page, name="workforce_import"),
    path("<int:pk>/vekting/", review_weighing.weighing_page, name="weighing"),
    path("<int:pk>/vekting/ferdig/", review_weighing.weighing_finish_page, name="weighing_finish"),
    path(
        "<int:pk>/vekting/omforent/", review_weighing.weighing_agreed_page, name="weighing_agreed"
    ),
    path("<int:pk>/plan/", review_plans.plan_page, name="plan"),
    path("<int:pk>/plan/resultat/", review_plans.plan_result_page, name="plan_result"),
    path("<int:pk>/plan/mer/", review_plans.plan_extras_page, name="plan_extras"),
    path("<int:pk>/plan/lagre/", review_plans.plan_save_page, name="plan_save"),
    path("<int:pk>/plan/<int:plan_pk>/", review_plans.plan_kept_page, name="plan_kept"),
    path("<int:pk>/plan/<int:plan_pk>/velg/", review_plans.plan_choose_page, name="plan_choose"),
]
