for k in 10 20 100 200; do for pa in "0.5 0.1" "0.3 0.05" "0.7 0.1" "0.2 0.15"; do set -- $pa
/usr/bin/python3 fairsearch_py_oracle.py /tmp/fspy unadjusted $k $1 $2
/usr/bin/python3 fairsearch_py_oracle.py /tmp/fspy adjusted $k $1 $2
done; done
