import unittest

from reverse_string import reverse_string


class TestReverseString(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(reverse_string("hello"), "olleh")

    def test_empty(self):
        self.assertEqual(reverse_string(""), "")

    def test_palindrome(self):
        self.assertEqual(reverse_string("racecar"), "racecar")

    def test_unicode(self):
        self.assertEqual(reverse_string("h\u00e9llo w\u00f6rld"), "dlr\u00f6w oll\u00e9h")


if __name__ == "__main__":
    unittest.main()
