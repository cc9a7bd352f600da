// SPDX-License-Identifier: GPL-2.0-only
#include <check.h>
#include <stdlib.h>

Suite *rules_suite(void);
Suite *framework_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	int failed;

	srunner_add_suite(sr, framework_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
